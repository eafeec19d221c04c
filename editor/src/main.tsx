import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { loadPlatform } from './engine/platform';
import './engine/svg-rasterizer';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not fix itself by retrying; a dropped connection might.
      retry: (count, error) => count < 2 && ((error as { status?: number }).status ?? 0) === 0,
      refetchOnWindowFocus: false,
    },
  },
});

// The shipped font files are registered with FontFace at once: the interface itself is set
// in Inter and JetBrains Mono, the same files the canvas draws with.
loadPlatform().catch(() => undefined);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
