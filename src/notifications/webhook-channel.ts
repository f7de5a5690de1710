import { createHmac } from 'node:crypto';
import type { Notification, NotificationChannel } from './notification-channel';

export const SIGNATURE_HEADER = 'X-Interview-Ledger-Signature';

export interface WebhookChannelOptions {
  /** http(s) endpoint. Only its origin ever appears in errors: paths and queries often carry tokens. */
  readonly url: string;
  /** Shared secret; when set, each request carries `X-Interview-Ledger-Signature: sha256=<hex HMAC-SHA256 of the body>` (RFC 2104). */
  readonly secret?: string;
  /** Per attempt, in milliseconds; default 5000. */
  readonly timeoutMs?: number;
  /** Total attempts including the first; default 3. */
  readonly attempts?: number;
  /** Waits before the next attempt after `failedAttempt` (1-based) failed; default 250 ms, then 500 ms. Injectable so tests do not sleep. */
  readonly backoff?: (failedAttempt: number) => Promise<void>;
  readonly name?: string;
}

type Attempt = { readonly ok: true } | { readonly ok: false; readonly retry: boolean; readonly reason: string };

/**
 * POSTs each notification as JSON. Network errors, timeouts and 5xx are retried, because
 * they are usually transient and receivers dedupe by notification id; 3xx and 4xx are not,
 * because sending the same request again will not change the answer. Redirects are not
 * followed so that a signed payload never travels to an address nobody configured.
 */
export class WebhookChannel implements NotificationChannel {
  readonly name: string;
  private readonly url: URL;
  private readonly secret: string | undefined;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly backoff: (failedAttempt: number) => Promise<void>;

  constructor(options: WebhookChannelOptions) {
    this.url = parseWebhookUrl(options.url, 'webhook url');
    this.secret = options.secret || undefined;
    this.timeoutMs = positiveInteger(options.timeoutMs ?? 5000, 'timeoutMs');
    this.attempts = positiveInteger(options.attempts ?? 3, 'attempts');
    this.backoff = options.backoff ?? ((failed) => new Promise((resolve) => setTimeout(resolve, 250 * 2 ** (failed - 1))));
    this.name = options.name ?? 'webhook';
  }

  async deliver(notification: Notification): Promise<void> {
    // Sign the exact bytes sent: receivers verify the raw body before parsing it.
    const body = JSON.stringify(notification);
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.secret !== undefined)
      headers[SIGNATURE_HEADER] = `sha256=${createHmac('sha256', this.secret).update(body, 'utf8').digest('hex')}`;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(body, headers);
      if (outcome.ok) return;
      if (!outcome.retry || attempt >= this.attempts) {
        throw new Error(
          `${this.name}: delivering notification ${notification.id} to ${this.url.origin} failed after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${outcome.reason}`,
        );
      }
      await this.backoff(attempt);
    }
  }

  private async attempt(body: string, headers: Record<string, string>): Promise<Attempt> {
    let response: Response;
    try {
      response = await fetch(this.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const timedOut = property(error, 'name') === 'TimeoutError';
      return {
        ok: false,
        retry: true,
        reason: timedOut ? `timed out after ${this.timeoutMs} ms` : `network error: ${describeFailure(error)}`,
      };
    }
    // The reply's content is not needed; discarding it frees the connection for reuse.
    await response.body?.cancel().catch(() => undefined);
    if (response.ok) return { ok: true };
    return {
      ok: false,
      retry: response.status >= 500,
      reason: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    };
  }
}

/**
 * The webhook configured by NOTIFY_WEBHOOK_URL (and optionally NOTIFY_WEBHOOK_SECRET), or
 * null when no URL is set. A malformed URL fails at start-up rather than at the first reminder.
 */
export function webhookChannelFromEnv(env: Readonly<Record<string, string | undefined>>): WebhookChannel | null {
  const url = env.NOTIFY_WEBHOOK_URL?.trim();
  if (!url) return null;
  return new WebhookChannel({ url: parseWebhookUrl(url, 'NOTIFY_WEBHOOK_URL').href, secret: env.NOTIFY_WEBHOOK_SECRET || undefined });
}

function parseWebhookUrl(value: string, label: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${label} is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`${label} must be an http:// or https:// URL, not ${url.protocol}`);
  // fetch refuses such URLs anyway, with a less helpful message, at the first delivery.
  if (url.username || url.password) throw new Error(`${label} must not embed a user name or password`);
  return url;
}

function positiveInteger(value: number, label: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${label} must be a positive whole number, got ${value}`);
  return value;
}

/** undici reports "fetch failed" and hides the useful part (ECONNREFUSED, "other side closed") in `cause`. */
function describeFailure(error: unknown): string {
  const cause = property(error, 'cause');
  const parts = [property(error, 'message') ?? String(error), property(cause, 'code'), property(cause, 'message')];
  return parts.filter((part): part is string => typeof part === 'string' && part !== '').join(': ');
}

/** Duck-typed, because `instanceof Error` fails for errors made in another realm (undici's DOMException under Jest). */
function property(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}
