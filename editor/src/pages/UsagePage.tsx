import { useQuery } from '@tanstack/react-query';
import { fetchUsage } from '../api/endpoints';
import { ErrorNote, Spinner } from '../ui/controls';

const fmt = (n: number) => n.toLocaleString('en-US');

export function UsagePage() {
  const usage = useQuery({ queryKey: ['usage'], queryFn: fetchUsage });
  return (
    <div className="narrow">
      <div className="page-head">
        <div>
          <h1>Usage</h1>
          <p className="muted">Renders counted this month. Cache hits and public renders are free.</p>
        </div>
      </div>
      {usage.isPending && <Spinner />}
      {usage.isError && <ErrorNote error={usage.error} onRetry={() => usage.refetch()} />}
      {usage.data && (
        <div className="stat-grid" data-testid="usage">
          <div className="stat">
            <div className="stat-label">Renders in {usage.data.month || 'this month'}</div>
            <div className="stat-value">{fmt(usage.data.renders)}</div>
            {usage.data.quota !== null && (
              <div className="meter" role="img" aria-label="Share of the monthly quota used">
                <span style={{ width: `${Math.min(100, (usage.data.renders / Math.max(1, usage.data.quota)) * 100)}%` }} />
              </div>
            )}
          </div>
          <div className="stat">
            <div className="stat-label">Monthly quota</div>
            <div className="stat-value">{usage.data.quota === null ? 'Unlimited' : fmt(usage.data.quota)}</div>
            {typeof usage.data.raw.resetsAt === 'string' && <div className="muted small">Resets {new Date(usage.data.raw.resetsAt).toLocaleDateString()}</div>}
          </div>
          <div className="stat">
            <div className="stat-label">Rate limit</div>
            <div className="stat-value">{usage.data.perMinute === null ? 'Unlimited' : `${fmt(usage.data.perMinute)}/min`}</div>
          </div>
        </div>
      )}
    </div>
  );
}
