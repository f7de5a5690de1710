/**
 * Verified bearer tokens, remembered for a short while. A client sends the same token with
 * every request, and verifying it (a signature, the claims) was the largest cost of a small
 * read after the store (issue "performance", docs/benchmarks.md). A token that verified is
 * answered from here until the earliest of: its `exp`, `maxAgeMs` after it was verified, or
 * its eviction (least recently used first, at most `maxEntries`). Refusals are never
 * remembered: a bad token is checked in full every time.
 *
 * A token is verified again as soon as the issuer's key set has been fetched again
 * (`keysVersion`), so a key the issuer withdrew stops its tokens here as it did before. JWTs
 * carry no revocation, so nothing else about a token can change while it is remembered.
 */
import type { TokenVerifier, VerifiedToken } from '../application/services';

export interface TokenCacheOptions {
  /** How long a verified token is answered without verifying it again (default 60 s). */
  readonly maxAgeMs?: number;
  /** How many tokens are remembered at most (default 10,000; each is its text and the caller). */
  readonly maxEntries?: number;
  /** Tokens longer than this are verified every time, never remembered (default 8 KiB). */
  readonly maxTokenLength?: number;
  /** The clock, in ms since the epoch (tests pass their own). */
  readonly now?: () => number;
}

interface Entry {
  readonly verified: VerifiedToken;
  readonly until: number;
  /** The verifier's keysVersion() when the token verified. */
  readonly keys: unknown;
}

export class CachedTokenVerifier implements TokenVerifier {
  private readonly entries = new Map<string, Entry>();
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;
  private readonly maxTokenLength: number;
  private readonly now: () => number;

  constructor(
    private readonly inner: TokenVerifier,
    options: TokenCacheOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxTokenLength = options.maxTokenLength ?? 8192;
    this.now = options.now ?? Date.now;
  }

  get description(): string {
    return this.inner.description;
  }

  /** Tokens remembered now (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }

  async verify(token: string): Promise<VerifiedToken> {
    const now = this.now();
    const entry = this.entries.get(token);
    if (entry !== undefined) {
      this.entries.delete(token);
      if (now < entry.until && entry.keys === this.inner.keysVersion?.()) {
        // Most recently used goes last: the Map's order is the eviction order.
        this.entries.set(token, entry);
        return entry.verified;
      }
    }
    const verified = await this.inner.verify(token);
    if (this.maxAgeMs > 0 && this.maxEntries > 0 && token.length <= this.maxTokenLength) {
      const until = Math.min(verified.expiresAt.getTime(), this.now() + this.maxAgeMs);
      if (until > this.now()) {
        this.entries.set(token, { verified, until, keys: this.inner.keysVersion?.() });
        while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      }
    }
    return verified;
  }
}
