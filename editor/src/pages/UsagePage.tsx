import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { ErrorNote, Spinner } from '../ui/controls';
import { queryKeys } from '../api/queries';

const fmt = (n: number) => n.toLocaleString('en-US');
/** `2026-11` → `November 2026`; the server counts by UTC month, so format in UTC. */
const monthName = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export function UsagePage() {
  const usage = useQuery({ queryKey: queryKeys.usage, queryFn: api.usage });
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
            <div className="stat-label">Renders in {monthName(usage.data.month)}</div>
            <div className="stat-value">{fmt(usage.data.renders)}</div>
            {usage.data.monthlyQuota !== null && (
              <div className="meter" role="img" aria-label="Share of the monthly quota used">
                <span
                  style={{
                    width: `${Math.min(100, (usage.data.renders / Math.max(1, usage.data.monthlyQuota)) * 100)}%`,
                  }}
                />
              </div>
            )}
          </div>
          <div className="stat">
            <div className="stat-label">Monthly quota</div>
            <div className="stat-value">
              {usage.data.monthlyQuota === null ? 'Unlimited' : fmt(usage.data.monthlyQuota)}
            </div>
            {usage.data.remaining !== null && <div className="muted small">{fmt(usage.data.remaining)} left</div>}
            <div className="muted small">Resets {new Date(usage.data.resetsAt).toLocaleDateString()}</div>
          </div>
          <div className="stat">
            <div className="stat-label">Rate limit</div>
            <div className="stat-value">
              {usage.data.ratePerMinute === null ? 'Unlimited' : `${fmt(usage.data.ratePerMinute)}/min`}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
