// Hash routing (`#/templates/:id`): works behind any static server or proxy without a
// fallback rule, and a reload lands on the same page. A guard can veto leaving a page
// (the designer's unsaved-changes check).
import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'gallery' }
  | { page: 'designer'; id: string }
  | { page: 'keys' }
  | { page: 'fonts' }
  | { page: 'brand' }
  | { page: 'usage' }
  | { page: 'bulk'; template: string | null; job: string | null }
  | { page: 'login' }
  | { page: 'signup' }
  | { page: 'not-found' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '/templates') return { page: 'gallery' };
  const m = /^\/templates\/([A-Za-z0-9-]{1,100})$/.exec(path);
  if (m?.[1]) return { page: 'designer', id: m[1] };
  if (path === '/keys') return { page: 'keys' };
  if (path === '/fonts') return { page: 'fonts' };
  if (path === '/brand') return { page: 'brand' };
  if (path === '/usage') return { page: 'usage' };
  const bulk = /^\/bulk(?:\?(.*))?$/.exec(path);
  if (bulk) {
    const query = new URLSearchParams(bulk[1] ?? '');
    const id = (name: string) => {
      const v = query.get(name);
      return v && /^[A-Za-z0-9_-]{1,100}$/.test(v) ? v : null;
    };
    return { page: 'bulk', template: id('template'), job: id('job') };
  }
  if (path === '/login') return { page: 'login' };
  if (path === '/signup') return { page: 'signup' };
  return { page: 'not-found' };
}

type Guard = () => boolean;
let guard: Guard | null = null;
let current = typeof location === 'undefined' ? '' : location.hash;
const listeners = new Set<() => void>();

/** Installs a check run before leaving the page; returns its remover. */
export function setNavigationGuard(g: Guard | null): () => void {
  guard = g;
  return () => {
    if (guard === g) guard = null;
  };
}

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    if (location.hash === current) return;
    if (guard && !guard()) {
      // Undo the browser's navigation (back button) without another guard prompt.
      history.replaceState(null, '', current || '#/');
      return;
    }
    current = location.hash;
    for (const l of listeners) l();
  });
}

export function navigate(path: string): void {
  const hash = `#${path}`;
  if (hash === current) return;
  if (guard && !guard()) return;
  current = hash;
  history.pushState(null, '', hash);
  for (const l of listeners) l();
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => current,
  );
  return parseRoute(hash);
}

export function Link({
  to,
  children,
  className,
  ...rest
}: { to: string; children: React.ReactNode; className?: string } & React.AnchorHTMLAttributes<HTMLAnchorElement>) {
  return (
    <a
      href={`#${to}`}
      className={className}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
      {...rest}
    >
      {children}
    </a>
  );
}
