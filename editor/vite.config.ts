import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development Vite serves the editor and forwards the API to `layercast serve`;
// in production the server serves editor/dist at `/` itself.
const apiTarget = process.env.LAYERCAST_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
