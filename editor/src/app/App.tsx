import { useQuery } from '@tanstack/react-query';
import { Suspense, lazy } from 'react';
import { fetchMe } from '../api/client';
import { AuthPage } from '../pages/AuthPage';
import { BulkPage } from '../pages/BulkPage';
import { GalleryPage } from '../pages/GalleryPage';
import { BrandPage } from '../pages/BrandPage';
import { FontsPage } from '../pages/FontsPage';
import { KeysPage } from '../pages/KeysPage';
import { UsagePage } from '../pages/UsagePage';
import { ErrorNote, Spinner } from '../ui/controls';
import { Link, useRoute } from './router';
import { Shell } from './Shell';
import { queryKeys } from '../api/queries';

// The designer (Konva, the canvas code) is its own chunk: the gallery and the account pages
// load without it.
const DesignerPage = lazy(() => import('../pages/DesignerPage').then((m) => ({ default: m.DesignerPage })));

export function App() {
  const route = useRoute();
  const me = useQuery({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY });
  if (me.isPending) return <Spinner label="Loading Layercast" />;
  if (me.isError) {
    return (
      <div className="center-page">
        <ErrorNote error={me.error} onRetry={() => me.refetch()} />
      </div>
    );
  }
  const account = me.data;
  if (!account) return <AuthPage mode={route.page === 'signup' ? 'signup' : 'login'} />;
  switch (route.page) {
    case 'designer':
      return (
        <Suspense fallback={<Spinner label="Loading the designer" />}>
          <DesignerPage key={route.id} templateId={route.id} />
        </Suspense>
      );
    case 'keys':
      return (
        <Shell account={account}>
          <KeysPage />
        </Shell>
      );
    case 'brand':
      return (
        <Shell account={account}>
          <BrandPage />
        </Shell>
      );
    case 'bulk':
      return (
        <Shell account={account}>
          <BulkPage templateId={route.template} jobId={route.job} />
        </Shell>
      );
    case 'fonts':
      return (
        <Shell account={account}>
          <FontsPage />
        </Shell>
      );
    case 'usage':
      return (
        <Shell account={account}>
          <UsagePage />
        </Shell>
      );
    case 'not-found':
      return (
        <Shell account={account}>
          <div className="empty-state">
            <h2>Page not found</h2>
            <Link to="/">Back to your templates</Link>
          </div>
        </Shell>
      );
    default:
      return (
        <Shell account={account}>
          <GalleryPage />
        </Shell>
      );
  }
}
