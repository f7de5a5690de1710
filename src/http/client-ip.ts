import { isIP } from 'node:net';

/** "::ffff:10.0.0.1" -> "10.0.0.1", so that one client has one address in the record. */
export function normaliseIp(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/**
 * The client address recorded on events. From the socket, unless the socket peer is a
 * trusted proxy: then X-Forwarded-For is read right to left, skipping trusted proxies, and
 * the first other address is the client. Forged entries left of it are ignored.
 */
export function clientIp(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: readonly string[],
): string {
  const peer = normaliseIp(socketAddress);
  if (trustedProxies.length === 0 || !trustedProxies.includes(peer) || !forwardedFor) return peer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((s) => normaliseIp(s.trim()))
    .filter((s) => s.length > 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!isIP(hop)) return peer;
    if (!trustedProxies.includes(hop)) return hop;
  }
  return peer;
}
