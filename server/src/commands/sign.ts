// `layercast sign --template <id> --kid <key id> ...`: prints a signed render URL.
import { type RenderFormat, signedRenderUrl } from '@layercast/shared';
import { cliDefaults, loadConfig } from '../config';
import { databaseLabel } from '../db/database-url';
import { withSharedSecret } from '../db/shared-secret';
import { findActiveKeyById } from '../keys/keys.repository';
import { signingSecretFor } from '../keys/signing-secret';
import { parseArgs } from 'node:util';
import { UsageError, out, parse, withUsage } from './args';

const USAGE = `usage: layercast sign --template <id> --kid <key id> [--secret <signing secret>]
        [--layers '<json>'] [--variables '<json>'] [--set layer=text]... [--format png|jpeg|webp|avif|svg|pdf]
        [--quality 1-100] [--scale 1-4] [--version <n>] [--variant <name>]
        [--expires 7d|12h|<unix seconds> | --no-expiry] [--url <server>]
  --no-expiry signs a permanent URL (for an og:image that must last): valid until the key is
  revoked. --version pins a saved version of the template, --variant a size variant (or a
  platform name such as twitter); each is signed with the rest.
  --secret defaults to LAYERCAST_SIGNING_SECRET, else it is derived from the local data
  directory (LAYERCAST_DATA). --url defaults to LAYERCAST_URL, LAYERCAST_PUBLIC_URL or
  http://localhost:$PORT. --set title=Hello is shorthand for --layers '{"title":{"text":"Hello"}}'.`;

const FORMATS = ['png', 'jpeg', 'webp', 'avif', 'svg', 'pdf'];

function parseJsonOption(name: string, raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below with the option's name.
  }
  throw new UsageError(`--${name} must be a JSON object`);
}

/** `7d`, `12h`, `30m`, `90s` from now, or absolute unix seconds. */
function parseVersion(raw: string): number {
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw new UsageError('--version must be a version number (1, 2, …)');
  return Number(raw);
}

function parseExpiry(raw: string | undefined, nowSeconds: number): number | undefined {
  if (raw === undefined) return undefined;
  const relative = /^(\d+)([smhd])$/.exec(raw);
  if (relative) {
    const unit = { s: 1, m: 60, h: 3600, d: 86400 }[relative[2] as 's' | 'm' | 'h' | 'd'];
    return nowSeconds + Number(relative[1]) * unit;
  }
  if (/^\d{9,11}$/.test(raw)) return Number(raw);
  throw new UsageError('--expires must look like 7d, 12h, 30m or be unix seconds');
}

function parseVariant(raw: string): string {
  if (!/^[a-z0-9-]{1,40}$/.test(raw)) throw new UsageError('--variant must be a variant name (a-z, 0-9 and -)');
  return raw;
}

export async function runSignCommand(args: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const { values } = parse(() =>
      parseArgs({
        args,
        options: {
          template: { type: 'string' },
          kid: { type: 'string' },
          secret: { type: 'string' },
          layers: { type: 'string' },
          variables: { type: 'string' },
          set: { type: 'string', multiple: true },
          format: { type: 'string' },
          quality: { type: 'string' },
          scale: { type: 'string' },
          expires: { type: 'string' },
          'no-expiry': { type: 'boolean' },
          version: { type: 'string' },
          variant: { type: 'string' },
          url: { type: 'string' },
        },
      }),
    );
    if (!values.template) throw new UsageError('--template is required');
    if (!values.kid) throw new UsageError('--kid (the API key id) is required');
    if (values.format && !FORMATS.includes(values.format))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    const layers = (parseJsonOption('layers', values.layers) ?? {}) as Record<string, Record<string, unknown>>;
    for (const pair of values.set ?? []) {
      const eq = pair.indexOf('=');
      if (eq < 1) throw new UsageError(`--set expects layer=text, got "${pair}"`);
      const name = pair.slice(0, eq);
      layers[name] = { ...layers[name], text: pair.slice(eq + 1) };
    }
    const variables = parseJsonOption('variables', values.variables) as Record<string, string> | undefined;
    const nowSeconds = Math.floor(Date.now() / 1000);

    const defaults = cliDefaults();
    let secret = values.secret ?? defaults.signingSecret;
    if (!secret) {
      const loaded = loadConfig();
      // The database driver and its migrations load only when the secret must come from it.
      const { connectDatabase } = await import('../db/database');
      const db = await connectDatabase(loaded);
      try {
        if (!(await findActiveKeyById(db, values.kid)))
          throw new UsageError(`no active key ${values.kid} in ${databaseLabel(loaded)}`);
        const config = await withSharedSecret(loaded, db);
        secret = signingSecretFor(config.masterSecret, values.kid);
      } finally {
        await db.destroy();
      }
    }
    const baseUrl = values.url ?? defaults.signBaseUrl;
    try {
      out(
        await signedRenderUrl({
          baseUrl,
          templateId: values.template,
          keyId: values.kid,
          signingSecret: secret,
          layers: Object.keys(layers).length ? layers : undefined,
          variables,
          format: values.format as RenderFormat | undefined,
          quality: values.quality === undefined ? undefined : Number(values.quality),
          scale: values.scale === undefined ? undefined : Number(values.scale),
          ...(values.version !== undefined ? { version: parseVersion(values.version) } : {}),
          ...(values.variant !== undefined ? { variant: parseVariant(values.variant) } : {}),
          expiresAt: values['no-expiry'] ? null : parseExpiry(values.expires, nowSeconds),
        }),
      );
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    }
    return 0;
  });
}
