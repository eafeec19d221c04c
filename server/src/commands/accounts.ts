// `layercast accounts limits --email <email> [--monthly-quota N|default] [--rate-per-minute N|default]`:
// per-account render limits in the local data directory (the defaults come from the environment).
import { findAccountByEmail, setAccountLimits } from '../auth/accounts.repository';
import { loadConfig } from '../config';
import { databaseLabel } from '../db/database-url';
import { parseArgs } from 'node:util';
import { UsageError, out, parse, withUsage } from './args';

const USAGE = `usage: layercast accounts limits --email <email> [--monthly-quota <n>|default] [--rate-per-minute <n>|default]
  Sets an account's monthly render quota and per-minute rate; "default" returns it to
  LAYERCAST_MONTHLY_QUOTA / LAYERCAST_RATE_PER_MINUTE (unlimited when unset).`;

function limit(name: string, raw: string | undefined, min: number): number | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'default') return null;
  if (!/^\d+$/.test(raw) || Number(raw) < min)
    throw new UsageError(`--${name} must be a whole number ≥ ${min} or "default"`);
  return Number(raw);
}

export async function runAccountsCommand(args: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const [sub, ...rest] = args;
    if (sub !== 'limits') throw new UsageError(sub ? `unknown accounts command "${sub}"` : 'missing accounts command');
    const { values } = parse(() =>
      parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          'monthly-quota': { type: 'string' },
          'rate-per-minute': { type: 'string' },
        },
      }),
    );
    if (!values.email) throw new UsageError('--email is required');
    const monthlyQuota = limit('monthly-quota', values['monthly-quota'], 0);
    const ratePerMinute = limit('rate-per-minute', values['rate-per-minute'], 1);
    const config = loadConfig();
    // The database driver and its migrations load only once the arguments have passed the checks.
    const { connectDatabase } = await import('../db/database');
    const db = await connectDatabase(config);
    try {
      const account = await findAccountByEmail(db, values.email);
      if (!account) throw new UsageError(`no account ${values.email} in ${databaseLabel(config)}`);
      await setAccountLimits(db, account.id, { monthlyQuota, ratePerMinute });
      const after = (await findAccountByEmail(db, values.email))!;
      const show = (v: number | null, d: number | null) => v ?? `default (${d ?? 'unlimited'})`;
      out(
        `${after.email}: monthly quota ${show(after.monthly_quota, config.monthlyQuota)}, rate ${show(after.rate_per_minute, config.ratePerMinute)}/min`,
      );
      return 0;
    } finally {
      await db.destroy();
    }
  });
}
