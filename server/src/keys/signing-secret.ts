// Per-key secret for signed render URLs: derived from the master secret and the key id, so
// nothing per key is stored and revoking the key invalidates every URL it signed.
import { createHmac } from 'node:crypto';

export function signingSecretFor(masterSecret: string, keyId: string): string {
  return createHmac('sha256', masterSecret).update(`sign:${keyId}`).digest('hex');
}
