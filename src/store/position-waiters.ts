/**
 * Callers waiting until a follower of the log (the projector, the Merkle log) has processed
 * an event position: read-your-writes for the API, "proof ready" for exports.
 */
export class PositionWaiters {
  private waiters: Array<{ position: string; resolve: (reached: boolean) => void }> = [];

  constructor(private readonly compare: (a: string, b: string) => number) {}

  /** Resolves true once `reached` covers `position`, false after `timeoutMs` or on `cancelAll`. */
  wait(current: string | null, position: string, timeoutMs: number): Promise<boolean> {
    if (current !== null && this.compare(current, position) >= 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const waiter = {
        position,
        resolve: (reached: boolean) => {
          clearTimeout(timer);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      timer.unref();
      this.waiters.push(waiter);
    });
  }

  /** How many callers are waiting. */
  get pending(): number {
    return this.waiters.length;
  }

  /** The follower has processed everything up to `position`. */
  reached(position: string): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (this.compare(position, waiter.position) < 0) return true;
      waiter.resolve(true);
      return false;
    });
  }

  /** The follower stopped: nobody's position will be reached. */
  cancelAll(): void {
    for (const waiter of this.waiters) waiter.resolve(false);
    this.waiters = [];
  }
}
