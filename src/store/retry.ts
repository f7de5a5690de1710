import type { SubscribeAllOptions, SubscriptionState } from './event-store';
/**
 * Capped exponential backoff for followers of the log that lost their read (a dropped
 * EventStoreDB subscription, a busy SQLite file): attempt 1 waits about `initialMs`, each
 * further attempt twice as long, never more than `maxMs`. Half of each wait is random so that
 * several instances that lost the same server do not come back in lockstep.
 */
export interface RetryPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { initialMs: 100, maxMs: 10_000 };

/** The wait before retry `attempt` (1-based): in [d/2, d] where d = min(maxMs, initialMs * 2^(attempt-1)). */
export function retryDelay(attempt: number, policy: RetryPolicy = DEFAULT_RETRY, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** A wait that `wake()` ends early (an unsubscribe must not sit out a 10 s backoff). */
export function interruptibleSleep(ms: number): { readonly done: Promise<void>; wake(): void } {
  let wake: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return { done, wake: () => wake() };
}

/** A readable message for logs and readiness, whatever was thrown. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * A subscription loop's own health and its pause before reading again: the one bookkeeping
 * both adapters' `subscribeAll` share (`Subscription.state()` reads it).
 */
export class SubscriptionHealth {
  connected: boolean;
  stopped = false;
  private retries = 0;
  private failures = 0;
  private lastError: string | null = null;
  /** The wait before a retry: only `stop` cuts it short. */
  private backoff: { wake(): void } | null = null;

  constructor(
    connected: boolean,
    private readonly policy: RetryPolicy,
    private readonly onRetry?: SubscribeAllOptions['onRetry'],
  ) {
    this.connected = connected;
  }

  /** A read succeeded: connected, and the next failure starts the backoff again. */
  live(): void {
    this.connected = true;
    this.failures = 0;
  }

  /** A read or the stream failed (not the handler): counts it, tells `onRetry`, waits the backoff. */
  async pause(error: unknown): Promise<void> {
    this.connected = false;
    this.failures += 1;
    this.retries += 1;
    this.lastError = errorMessage(error);
    const delayMs = retryDelay(this.failures, this.policy);
    this.onRetry?.(this.failures, error, delayMs);
    const sleep = interruptibleSleep(delayMs);
    this.backoff = sleep;
    await sleep.done;
    this.backoff = null;
  }

  /** No more delivery: ends a pending backoff at once. */
  stop(): void {
    this.stopped = true;
    this.connected = false;
    this.backoff?.wake();
  }

  state(position: string | null): SubscriptionState {
    const { stopped, retries, failures, lastError } = this;
    return { connected: this.connected && !stopped, stopped, retries, failures, lastError, position };
  }
}
