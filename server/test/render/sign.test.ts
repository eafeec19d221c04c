// The shared signer (Web Crypto) must agree byte for byte with node:crypto, since browsers
// sign with the first and the server verifies with the second.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_SIGNATURE_TTL_SECONDS, canonicalQuery, signParams, signedRenderUrl } from '@layercast/shared';

describe('signed render URLs', () => {
  it('canonicalizes: every param but sig, RFC 3986-encoded, sorted by code unit', () => {
    expect(canonicalQuery({ templateId: 't1', sig: 'x', layers: '{"a b":1}', exp: '10', Zeta: 'z', kid: 'k' })).toBe(
      'Zeta=z&exp=10&kid=k&layers=%7B%22a%20b%22%3A1%7D&templateId=t1',
    );
  });

  it('signs with hex HMAC-SHA256 equal to node:crypto', async () => {
    const params = { templateId: 'abc', kid: 'key1', exp: '1900000000', title: 'Héllo & ünïcode' };
    const expected = createHmac('sha256', 'secret-1').update(canonicalQuery(params)).digest('hex');
    expect(await signParams('secret-1', params)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('builds a URL whose decoded query verifies', async () => {
    const now = 1_800_000_000_000;
    const url = new URL(
      await signedRenderUrl({
        baseUrl: 'https://img.example.com/',
        templateId: 'tpl',
        keyId: 'kid1',
        signingSecret: 's3cret',
        layers: { title: { text: 'A + B = C & D' } },
        format: 'png',
        expiresInSeconds: 3600,
        now,
      }),
    );
    expect(url.pathname).toBe('/api/render');
    const params = Object.fromEntries(url.searchParams);
    expect(params.exp).toBe(String(now / 1000 + 3600));
    expect(params.layers).toBe('{"title":{"text":"A + B = C & D"}}');
    const { sig, ...rest } = params;
    expect(sig).toBe(createHmac('sha256', 's3cret').update(canonicalQuery(rest)).digest('hex'));
  });

  it('refuses an expiry in the past or more than 30 days ahead', async () => {
    const base = { baseUrl: 'http://x', templateId: 't', keyId: 'k', signingSecret: 's', now: 1_000_000_000_000 };
    await expect(signedRenderUrl({ ...base, expiresInSeconds: MAX_SIGNATURE_TTL_SECONDS + 1 })).rejects.toThrow(
      /30 days/,
    );
    await expect(signedRenderUrl({ ...base, expiresAt: 999_999_999 })).rejects.toThrow(/future/);
  });
});
