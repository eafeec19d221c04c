// The frame of the account pages: brand, navigation and the account menu.
import { useQueryClient } from '@tanstack/react-query';
import type { Account } from '@layercast/shared';
import type { ReactNode } from 'react';
import { api } from '../api/client';
import { Link, navigate, useRoute } from './router';
import { queryKeys, refreshPlatform } from '../api/queries';

export function Brand() {
  return (
    <span className="brand">
      <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden>
        <rect x="3" y="9" width="20" height="20" rx="4" fill="#c7d2fe" />
        <rect x="9" y="3" width="20" height="20" rx="4" fill="#4f46e5" />
      </svg>
      Layercast
    </span>
  );
}

export function Shell({ account, children }: { account: Account; children: ReactNode }) {
  const route = useRoute();
  const qc = useQueryClient();
  const tab = (to: string, label: string, active: boolean) => (
    <Link to={to} className={`nav-link${active ? ' is-active' : ''}`} aria-current={active ? 'page' : undefined}>
      {label}
    </Link>
  );
  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/" className="brand-link">
          <Brand />
        </Link>
        <nav className="nav" aria-label="Main">
          {tab('/', 'Templates', route.page === 'gallery')}
          {tab('/brand', 'Brand', route.page === 'brand')}
          {tab('/bulk', 'Bulk', route.page === 'bulk')}
          {tab('/fonts', 'Fonts', route.page === 'fonts')}
          {tab('/keys', 'API keys', route.page === 'keys')}
          {tab('/usage', 'Usage', route.page === 'usage')}
          <a className="nav-link" href="/docs" target="_blank" rel="noreferrer">
            API docs ↗
          </a>
        </nav>
        <div className="account">
          <span className="account-email">{account.email}</span>
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            onClick={async () => {
              await api.auth.logout().catch(() => undefined);
              qc.setQueryData(queryKeys.me, null);
              refreshPlatform(qc);
              qc.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
              navigate('/login');
            }}
          >
            Log out
          </button>
        </div>
      </header>
      <main className="page">{children}</main>
    </div>
  );
}
