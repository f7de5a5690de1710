import type { App as Services } from '../application/services';

/** Lags are counted up to this many events: enough to say "far behind", bounded in cost. */
export const LAG_COUNT_LIMIT = 100_000;

/** How many events of the log the two followers have not taken in yet. */
export interface FollowerLags {
  /** The projector: every projection shares its checkpoint (one atomic commit per batch). */
  readonly readModels: number;
  /** The Merkle log's leaves. */
  readonly merkle: number;
}

/** Counts the events after each follower's position (at most `limit`): 0 means caught up. */
export async function followerLags(app: Pick<Services, 'store' | 'projector' | 'merkle'>, limit = LAG_COUNT_LIMIT): Promise<FollowerLags> {
  const [readModels, merkle] = await Promise.all([
    app.store.countAfter(app.projector.checkpoint, limit),
    app.store.countAfter(app.merkle.position, limit),
  ]);
  return { readModels, merkle };
}

/**
 * Waits until the projector and the Merkle log hold every event of the log (at most
 * `timeoutMs`), so that a stop leaves nothing for the next start to catch up. A follower
 * that stopped (after an error, or a projector stopped on purpose) is not waited for.
 * Resolves whether those waited for got there.
 */
export async function waitForFollowers(app: Pick<Services, 'store' | 'projector' | 'merkle'>, timeoutMs: number): Promise<boolean> {
  const head = await app.store.headPosition();
  if (head === null) return true;
  const waits = [
    app.projector.error || !app.projector.running ? Promise.resolve(true) : app.projector.waitFor(head, timeoutMs),
    app.merkle.error ? Promise.resolve(true) : app.merkle.waitFor(head, timeoutMs),
  ];
  return (await Promise.all(waits)).every(Boolean);
}
