/** Verified tokens remembered for a while (src/http/token-cache.ts), and the server's verifier using it. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenVerifier, VerifiedToken } from '../../src/application/services';
import { CachedTokenVerifier } from '../../src/http/token-cache';
import { mintToken, UnauthenticatedError } from '../../src/http/token';
import { loadConfig } from '../../src/server/config';
import { loadTokens } from '../../src/server/token-keys';

/** A verifier that accepts tokens named `ok:<id>:<exp ms>` and counts its calls. */
class CountingVerifier implements TokenVerifier {
  readonly description = 'counting';
  calls = 0;
  async verify(token: string): Promise<VerifiedToken> {
    this.calls += 1;
    const [kind, id, exp] = token.split(':');
    if (kind !== 'ok') throw new UnauthenticatedError('the token is invalid');
    return { actor: { id: id!, roles: ['employee'] }, expiresAt: new Date(Number(exp)) };
  }
}

describe('CachedTokenVerifier', () => {
  let clock = 1_000_000;
  const now = () => clock;
  beforeEach(() => (clock = 1_000_000));

  it('answers a verified token from memory until the earliest of its exp and maxAge', async () => {
    const inner = new CountingVerifier();
    const cache = new CachedTokenVerifier(inner, { maxAgeMs: 60_000, now });
    const long = `ok:E1:${clock + 3_600_000}`;
    expect((await cache.verify(long)).actor.id).toBe('E1');
    expect((await cache.verify(long)).actor.id).toBe('E1');
    expect(inner.calls).toBe(1);
    clock += 59_999;
    await cache.verify(long);
    expect(inner.calls).toBe(1);
    clock += 1; // maxAge over: verified again
    await cache.verify(long);
    expect(inner.calls).toBe(2);

    const short = `ok:E2:${clock + 5_000}`;
    await cache.verify(short);
    clock += 4_999;
    await cache.verify(short);
    expect(inner.calls).toBe(3);
    clock += 1; // at exp: the inner verifier decides again
    await cache.verify(short);
    expect(inner.calls).toBe(4);
  });

  it('verifies again once the key set may have changed (keysVersion)', async () => {
    const inner = Object.assign(new CountingVerifier(), { version: 1, keysVersion: () => inner.version });
    const cache = new CachedTokenVerifier(inner, { now });
    const token = `ok:E1:${clock + 3_600_000}`;
    await cache.verify(token);
    await cache.verify(token);
    expect(inner.calls).toBe(1);
    inner.version = 2; // the issuer's keys were fetched again
    await cache.verify(token);
    expect(inner.calls).toBe(2);
    await cache.verify(token);
    expect(inner.calls).toBe(2);
  });

  it('never remembers a refusal', async () => {
    const inner = new CountingVerifier();
    const cache = new CachedTokenVerifier(inner, { now });
    await expect(cache.verify('bad')).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(cache.verify('bad')).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(inner.calls).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping the least recently used, and skips over-long tokens', async () => {
    const inner = new CountingVerifier();
    const cache = new CachedTokenVerifier(inner, { maxEntries: 2, maxTokenLength: 40, now });
    const t = (id: string) => `ok:${id}:${clock + 3_600_000}`;
    await cache.verify(t('A'));
    await cache.verify(t('B'));
    await cache.verify(t('A')); // A is now the most recent
    await cache.verify(t('C')); // evicts B
    expect(cache.size).toBe(2);
    const before = inner.calls;
    await cache.verify(t('A'));
    await cache.verify(t('C'));
    expect(inner.calls).toBe(before);
    await cache.verify(t('B'));
    expect(inner.calls).toBe(before + 1);
    const long = `ok:${'X'.repeat(50)}:${clock + 3_600_000}`;
    await cache.verify(long);
    await cache.verify(long);
    expect(inner.calls).toBe(before + 3);
  });

  it('is what the server verifies with, and an expired token is refused even after it was remembered', async () => {
    const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'token-cache-')) });
    expect(config.tokenCacheSeconds).toBe(60);
    const { verifier, local } = await loadTokens(config);
    expect(verifier).toBeInstanceOf(CachedTokenVerifier);
    const token = mintToken(local!, { id: 'E1001', roles: ['employee'] }, 1);
    expect((await verifier.verify(token)).actor.id).toBe('E1001');
    await new Promise((r) => setTimeout(r, 1_100));
    await expect(verifier.verify(token)).rejects.toThrow('the token has expired');
    const off = await loadTokens(loadConfig({ DATA_DIR: config.dataDir, TOKEN_CACHE_SECONDS: '0' }));
    expect(off.verifier).not.toBeInstanceOf(CachedTokenVerifier);
    expect(() => loadConfig({ DATA_DIR: config.dataDir, TOKEN_CACHE_SECONDS: '7200' })).toThrow('TOKEN_CACHE_SECONDS');
  });
});
