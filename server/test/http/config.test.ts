import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';

const dir = mkdtempSync(join(tmpdir(), 'layercast-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('configuration from the environment', () => {
  it('reads the documented variables with their defaults', () => {
    const config = loadConfig({ LAYERCAST_DATA: dir });
    expect(config).toMatchObject({
      port: 3000,
      dataDir: dir,
      signup: 'open',
      publicUrl: null,
      monthlyQuota: null,
      ratePerMinute: null,
      publicRatePerMinute: 120,
      trustProxy: false,
      trustedProxies: 1,
      authRatePerMinute: 30,
      renderRetentionDays: 30,
    });
    const set = loadConfig({
      LAYERCAST_DATA: dir,
      PORT: '8080',
      LAYERCAST_SIGNUP: 'closed',
      LAYERCAST_PUBLIC_URL: 'https://img.example.com/',
      LAYERCAST_MONTHLY_QUOTA: '1000',
      LAYERCAST_RATE_PER_MINUTE: '60',
      LAYERCAST_TRUST_PROXY: 'true',
      LAYERCAST_TRUSTED_PROXIES: '2',
    });
    expect(set).toMatchObject({
      port: 8080,
      signup: 'closed',
      publicUrl: 'https://img.example.com',
      monthlyQuota: 1000,
      ratePerMinute: 60,
      trustProxy: true,
      trustedProxies: 2,
    });
  });

  it('generates the master secret once, stores it with mode 0600 and reuses it', () => {
    const a = loadConfig({ LAYERCAST_DATA: dir }).masterSecret;
    const b = loadConfig({ LAYERCAST_DATA: dir }).masterSecret;
    expect(a).toHaveLength(43);
    expect(b).toBe(a);
    expect(statSync(join(dir, 'secret')).mode & 0o777).toBe(0o600);
    expect(loadConfig({ LAYERCAST_DATA: dir, LAYERCAST_SECRET: 'x'.repeat(40) }).masterSecret).toBe('x'.repeat(40));
  });

  it('refuses a secret file shorter than 32 characters (an empty file left by a crash) instead of using it', () => {
    const short = mkdtempSync(join(dir, 'short-'));
    writeFileSync(join(short, 'secret'), '');
    expect(() => loadConfig({ LAYERCAST_DATA: short })).toThrow(
      `${join(short, 'secret')} holds a secret of 0 characters; at least 32`,
    );
    writeFileSync(join(short, 'secret'), 'abc123\n');
    expect(() => loadConfig({ LAYERCAST_DATA: short })).toThrow('holds a secret of 6 characters');
    // LAYERCAST_SECRET still takes precedence over the file.
    expect(loadConfig({ LAYERCAST_DATA: short, LAYERCAST_SECRET: 'y'.repeat(32) }).masterSecret).toBe('y'.repeat(32));
  });

  it('writes a new secret file whole (temp file, fsync, link into place) and leaves no temp file behind', () => {
    const fresh = mkdtempSync(join(dir, 'fresh-'));
    const secret = loadConfig({ LAYERCAST_DATA: fresh }).masterSecret;
    expect(readFileSync(join(fresh, 'secret'), 'utf8')).toBe(`${secret}\n`);
    expect(readdirSync(fresh)).toEqual(['secret']);
  });

  it('refuses bad values, naming the variable', () => {
    expect(() => loadConfig({ LAYERCAST_DATA: dir, LAYERCAST_SIGNUP: 'maybe' })).toThrow(
      'LAYERCAST_SIGNUP must be open or closed',
    );
    expect(() => loadConfig({ LAYERCAST_DATA: dir, LAYERCAST_MONTHLY_QUOTA: '-5' })).toThrow(
      'LAYERCAST_MONTHLY_QUOTA must be a whole number',
    );
    expect(() => loadConfig({ LAYERCAST_DATA: dir, PORT: 'eighty' })).toThrow('PORT must be a whole number');
    expect(() => loadConfig({ LAYERCAST_DATA: dir, LAYERCAST_TRUSTED_PROXIES: '0' })).toThrow(
      'LAYERCAST_TRUSTED_PROXIES must be a whole number ≥ 1',
    );
    expect(() => loadConfig({ LAYERCAST_DATA: dir, LAYERCAST_PUBLIC_URL: 'ftp://x' })).toThrow('LAYERCAST_PUBLIC_URL');
    expect(() => loadConfig({ LAYERCAST_DATA: dir, LAYERCAST_SECRET: 'short' })).toThrow('at least 32 characters');
  });
});
