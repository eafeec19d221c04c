// `layercast keys create --name ci [--email you@example.com]` against the local data
// directory (LAYERCAST_DATA), for CI set-ups without a browser. Prints the key once.
import { createAccount, countAccounts, findAccountByEmail } from '../auth/accounts.repository';
import { loadConfig } from '../config';
import { withSharedSecret } from '../db/shared-secret';
import { createApiKey } from '../keys/keys.repository';
import { signingSecretFor } from '../keys/signing-secret';
import { parseArgs } from 'node:util';
import { KEY_SCOPES, type KeyScope } from '@layercast/shared';
import { isTemplateId } from '../templates/templates.repository';
import { UsageError, err, out, parse, withUsage } from './args';

const USAGE = `usage: layercast keys create --name <name> [--email <account email>]
                              [--scopes render,templates:read,...] [--templates <id>,<id>]
  Creates an API key in the data directory LAYERCAST_DATA (default ./data).
  --scopes limits what it may do (${KEY_SCOPES.join(', ')}; default all);
  --templates limits it to those templates (default all of the account's).
  --email picks the account; it may be left out when there is exactly one. An --email with
  no account yet creates that account without a password: it can only use API keys.`;

export async function runKeysCommand(args: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const [sub, ...rest] = args;
    if (sub !== 'create') throw new UsageError(sub ? `unknown keys command "${sub}"` : 'missing keys command');
    const { values } = parse(() =>
      parseArgs({
        args: rest,
        options: {
          name: { type: 'string' },
          email: { type: 'string' },
          scopes: { type: 'string' },
          templates: { type: 'string' },
        },
      }),
    );
    const list = (raw: string | undefined) =>
      raw
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    const scopes = list(values.scopes);
    const unknownScope = scopes?.find((s) => !(KEY_SCOPES as readonly string[]).includes(s));
    if (unknownScope !== undefined || scopes?.length === 0) {
      throw new UsageError(`--scopes takes a comma-separated list of ${KEY_SCOPES.join(', ')}`);
    }
    const templateIds = list(values.templates);
    if (templateIds && (templateIds.length === 0 || templateIds.some((id) => !isTemplateId(id)))) {
      throw new UsageError('--templates takes a comma-separated list of template ids');
    }
    const name = values.name?.trim();
    if (!name || name.length > 100) throw new UsageError('--name is required (1 to 100 characters)');
    const loaded = loadConfig();
    // The database driver and its migrations load only once the arguments have passed the checks.
    const { connectDatabase } = await import('../db/database');
    const db = await connectDatabase(loaded);
    try {
      const config = await withSharedSecret(loaded, db);
      let account = values.email ? await findAccountByEmail(db, values.email) : undefined;
      if (!account && values.email) {
        if (!/^[^@\s]+@[^@\s]+$/.test(values.email)) throw new UsageError(`"${values.email}" is not an email address`);
        account = await createAccount(db, values.email, null);
        err(`created account ${values.email} (no password: it can only use API keys)`);
      }
      if (!account) {
        const count = await countAccounts(db);
        if (count !== 1) {
          throw new UsageError(
            count === 0
              ? 'no accounts yet: pass --email to create one'
              : `${count} accounts exist: pass --email to pick one`,
          );
        }
        account = await db.selectFrom('accounts').selectAll().executeTakeFirstOrThrow();
      }
      const key = await createApiKey(db, account.id, name, {
        ...(scopes ? { scopes: scopes as KeyScope[] } : {}),
        ...(templateIds ? { templateIds } : {}),
      });
      out(key.key);
      err(`key id:         ${key.id}`);
      err(`may:            ${key.scopes.join(', ')}${key.templateIds ? ` on ${key.templateIds.join(', ')}` : ''}`);
      err(`account:        ${account.email}`);
      err(`signing secret: ${signingSecretFor(config.masterSecret, key.id)}`);
      err('The key is shown only now: store it in your CI secrets (e.g. LAYERCAST_API_KEY).');
      return 0;
    } finally {
      await db.destroy();
    }
  });
}
