/**
 * Proof in code that verifying a bundle makes no request: while `fn` runs, fetch,
 * XMLHttpRequest, WebSocket, EventSource and sendBeacon throw, and the browser's own resource
 * timing list must not grow. The verifier is synchronous, so nothing can slip out after.
 */
export class NetworkAttempted extends Error {
  constructor(readonly what: string) {
    super(`a network request was attempted during offline verification (${what})`);
    this.name = 'NetworkAttempted';
  }
}

const resourceCount = (): number => {
  try {
    return typeof performance !== 'undefined' && typeof performance.getEntriesByType === 'function'
      ? performance.getEntriesByType('resource').length
      : 0;
  } catch {
    return 0;
  }
};

export function withoutNetwork<T>(fn: () => T): { result: T; requests: number } {
  const w = globalThis as unknown as Record<string, unknown>;
  const saved: Array<[Record<string, unknown>, string, unknown]> = [];
  const block = (owner: Record<string, unknown> | undefined, name: string) => {
    if (!owner || !(name in owner)) return;
    saved.push([owner, name, owner[name]]);
    owner[name] = function blocked() {
      throw new NetworkAttempted(name);
    };
  };
  const before = resourceCount();
  block(w, 'fetch');
  block(w, 'XMLHttpRequest');
  block(w, 'WebSocket');
  block(w, 'EventSource');
  block(w.navigator as Record<string, unknown> | undefined, 'sendBeacon');
  try {
    const result = fn();
    const requests = resourceCount() - before;
    if (requests !== 0) throw new NetworkAttempted(`${requests} resource request(s)`);
    return { result, requests };
  } finally {
    for (const [owner, name, value] of saved.reverse()) owner[name] = value;
  }
}
