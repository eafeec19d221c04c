// Who may render a template through GET /api/render, and who pays. A signature, when any
// of its parameters is present, must be complete and valid (403 otherwise), whatever the
// template. Public templates then render for anyone and count only against the caller's
// per-IP rate; private ones need a valid signature or the owner's key or session, and
// look exactly like missing templates to everyone else (404).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAX_SIGNATURE_TTL_SECONDS, canonicalQuery } from '@layercast/shared';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import type { Auth } from '../deps';
import { DomainError, notFound } from '../errors';
import { findActiveKeyById } from '../keys/keys.repository';
import { signingSecretFor } from '../keys/signing-secret';
import type { Template } from '../templates/templates.repository';
import type { Payer } from './render.service';

export interface AccessDeps {
  db: Kysely<Database>;
  config: Pick<Config, 'masterSecret'>;
}

const badSignature = (why: string) => new DomainError('invalid_signature', `the signed URL is not valid: ${why}`);

/** The account whose key signed `params`, or a 403. */
export async function verifySignature(
  deps: AccessDeps,
  params: Readonly<Record<string, string>>,
  nowMs = Date.now(),
): Promise<string> {
  const { kid, exp, sig } = params;
  if (!kid || !sig) throw badSignature('kid and sig must both be present');
  // Without exp the URL is permanent: valid while its key is (revoking the key ends it).
  if (exp !== undefined) {
    if (!/^\d{1,12}$/.test(exp)) throw badSignature('exp must be unix seconds');
    const now = Math.floor(nowMs / 1000);
    const expires = Number(exp);
    if (expires <= now) throw badSignature('it has expired');
    // Exactly 30 days, no allowance: a signer whose clock runs ahead should sign a little less.
    if (expires > now + MAX_SIGNATURE_TTL_SECONDS) {
      throw badSignature('exp is more than 30 days ahead');
    }
  }
  if (!/^[0-9a-f]{64}$/i.test(sig)) throw badSignature('sig must be 64 hex characters');
  const key = kid.length <= 100 ? await findActiveKeyById(deps.db, kid) : undefined;
  // The same answer for an unknown, revoked or wrong key: nothing to probe.
  const secret = signingSecretFor(deps.config.masterSecret, kid);
  const expected = createHmac('sha256', secret).update(canonicalQuery(params)).digest();
  const given = Buffer.from(sig, 'hex');
  if (!key || !timingSafeEqual(expected, given)) throw badSignature('the signature does not match');
  return key.account_id;
}

/** Who asks: the authenticated caller, if any, and the address a public render is counted under. */
export interface RenderCaller {
  auth?: Auth;
  ip: string;
}

/** Whether `params` carry a signature (any of its parameters: then it must be complete and valid). */
export const isSigned = (params: Readonly<Record<string, string>>): boolean =>
  'kid' in params || 'exp' in params || 'sig' in params;

/**
 * The decision once the signature, if any, is checked: `signer` is the account whose key
 * signed the request. Public templates render for anyone; a private one only for its owner.
 */
export function grantRenderAccess<T extends Pick<Template, 'isPublic' | 'accountId'>>(
  caller: RenderCaller,
  template: T | undefined,
  signer: string | undefined,
): { template: T; payer: Payer } {
  if (!template) throw notFound('template');
  if (template.isPublic) return { template, payer: { kind: 'public', ip: caller.ip } };
  const accountId = signer ?? caller.auth?.accountId;
  if (accountId !== template.accountId) throw notFound('template');
  return { template, payer: { kind: 'account', accountId } };
}

export async function decideRenderAccess<T extends Pick<Template, 'isPublic' | 'accountId'>>(
  deps: AccessDeps,
  caller: RenderCaller,
  template: T | undefined,
  params: Readonly<Record<string, string>>,
): Promise<{ template: T; payer: Payer }> {
  const signer = isSigned(params) ? await verifySignature(deps, params) : undefined;
  return grantRenderAccess(caller, template, signer);
}
