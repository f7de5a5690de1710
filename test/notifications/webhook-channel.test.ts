import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliverAll, type Notification, type NotificationChannel } from '../../src/notifications/notification-channel';
import { WebhookChannel, webhookChannelFromEnv } from '../../src/notifications/webhook-channel';

/** What the test server does with each request, in order: answer with a status, never answer, or cut the connection. */
type Behaviour = number | 'hang' | 'drop';
interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

let server: Server;
let base: string;
let script: Behaviour[];
let received: Received[];
let hanging: ServerResponse[];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const behaviour = script.shift() ?? 204;
      if (behaviour === 'hang') return void hanging.push(res);
      if (behaviour === 'drop') return void req.socket.destroy();
      res.writeHead(behaviour, behaviour === 302 ? { Location: '/elsewhere' } : {}).end(behaviour >= 300 ? 'no' : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  script = [];
  received = [];
  hanging = [];
});
// Only the connections of requests left hanging are cut: closing idle keep-alive sockets too
// would make the next test's first request fail on a stale socket (and be retried).
afterEach(() => hanging.forEach((res) => res.destroy()));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const notification: Notification = {
  id: 'ntf-1',
  reminderId: 'rem-abc',
  interviewId: 'iv-1',
  kind: 'overdue',
  recipientIds: ['emp-1', 'mgr-1'],
  recipientRoles: ['hr'],
  message: {
    zh: '「员工自评」已逾期 3 天（截止 2026-07-07 18:00）',
    en: '“Self-assessment” is 3 days overdue (deadline 2026-07-07 18:00)',
  },
  fireAt: '2026-07-10T01:00:00.000Z',
  recordedAt: '2026-07-10T01:00:02.000Z',
};

/** A channel whose backoff records the failed attempt numbers instead of sleeping. */
function channel(options: { url?: string; secret?: string; timeoutMs?: number; attempts?: number } = {}) {
  const backoffs: number[] = [];
  const webhook = new WebhookChannel({ url: `${base}/hook`, ...options, backoff: async (failed) => void backoffs.push(failed) });
  return { webhook, backoffs };
}

describe('WebhookChannel', () => {
  it('POSTs the notification as JSON with an HMAC-SHA256 signature of the body', async () => {
    await channel({ secret: 'topsecret' }).webhook.deliver(notification);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/hook');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body)).toEqual(notification);
    const expected = createHmac('sha256', 'topsecret').update(request!.body, 'utf8').digest('hex');
    expect(request?.headers['x-interview-ledger-signature']).toBe(`sha256=${expected}`);
  });

  it('sends no signature header without a secret', async () => {
    await channel().webhook.deliver(notification);
    expect(received[0]?.headers).not.toHaveProperty('x-interview-ledger-signature');
  });

  it('retries a 503 and succeeds on the next attempt', async () => {
    script = [503, 204];
    const { webhook, backoffs } = channel();
    await expect(webhook.deliver(notification)).resolves.toBeUndefined();
    expect(received).toHaveLength(2);
    expect(received[1]?.body).toBe(received[0]?.body);
    expect(backoffs).toEqual([1]);
  });

  it('retries a dropped connection', async () => {
    script = ['drop', 200];
    const { webhook, backoffs } = channel();
    await webhook.deliver(notification);
    expect(received).toHaveLength(2);
    expect(backoffs).toEqual([1]);
  });

  it('gives up after three 5xx answers with a descriptive error', async () => {
    script = [500, 502, 500];
    const { webhook, backoffs } = channel();
    await expect(webhook.deliver(notification)).rejects.toThrow(
      `webhook: delivering notification ntf-1 to ${base} failed after 3 attempts: HTTP 500 Internal Server Error`,
    );
    expect(received).toHaveLength(3);
    expect(backoffs).toEqual([1, 2]);
  });

  it('does not retry a 400, and keeps the URL path and query out of the error', async () => {
    script = [400];
    const { webhook, backoffs } = channel({ url: `${base}/hook?token=s3cret` });
    const error: unknown = await webhook.deliver(notification).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/failed after 1 attempt: HTTP 400 Bad Request$/);
    expect((error as Error).message).not.toContain('s3cret');
    expect(received).toHaveLength(1);
    expect(backoffs).toEqual([]);
  });

  it('does not follow a redirect', async () => {
    script = [302];
    await expect(channel().webhook.deliver(notification)).rejects.toThrow(/failed after 1 attempt: HTTP 302/);
    expect(received.map((r) => r.url)).toEqual(['/hook']);
  });

  it('times out an attempt that gets no answer, and retries it', async () => {
    script = ['hang', 'hang'];
    const started = Date.now();
    await expect(channel({ timeoutMs: 100, attempts: 2 }).webhook.deliver(notification)).rejects.toThrow(
      /failed after 2 attempts: timed out after 100 ms$/,
    );
    expect(received).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('rejects URLs it cannot or should not POST to', () => {
    expect(() => new WebhookChannel({ url: 'ftp://example.com/hook' })).toThrow('webhook url must be an http:// or https:// URL, not ftp:');
    expect(() => new WebhookChannel({ url: 'https://user:pw@example.com/hook' })).toThrow(/must not embed a user name or password/);
    expect(() => new WebhookChannel({ url: 'https://example.com', attempts: 0 })).toThrow(RangeError);
  });
});

describe('webhookChannelFromEnv', () => {
  it('returns null when NOTIFY_WEBHOOK_URL is unset or blank', () => {
    expect(webhookChannelFromEnv({})).toBeNull();
    expect(webhookChannelFromEnv({ NOTIFY_WEBHOOK_URL: '  ', NOTIFY_WEBHOOK_SECRET: 'x' })).toBeNull();
  });

  it('rejects a URL that is not http(s), naming the variable', () => {
    expect(() => webhookChannelFromEnv({ NOTIFY_WEBHOOK_URL: 'file:///etc/passwd' })).toThrow(
      'NOTIFY_WEBHOOK_URL must be an http:// or https:// URL, not file:',
    );
    expect(() => webhookChannelFromEnv({ NOTIFY_WEBHOOK_URL: 'hooks.example.com' })).toThrow('NOTIFY_WEBHOOK_URL is not a valid URL');
  });

  it('builds a channel that signs with NOTIFY_WEBHOOK_SECRET', async () => {
    const webhook = webhookChannelFromEnv({ NOTIFY_WEBHOOK_URL: `${base}/env`, NOTIFY_WEBHOOK_SECRET: 'from-env' });
    await webhook?.deliver(notification);
    expect(received.map((r) => r.url)).toEqual(['/env']);
    const expected = createHmac('sha256', 'from-env').update(received[0]!.body, 'utf8').digest('hex');
    expect(received[0]?.headers['x-interview-ledger-signature']).toBe(`sha256=${expected}`);
  });
});

describe('deliverAll', () => {
  it('delivers to every channel even when some fail, reporting each failure', async () => {
    const delivered: string[] = [];
    const channels: NotificationChannel[] = [
      { name: 'mail', deliver: async () => Promise.reject(new Error('smtp down')) },
      {
        name: 'sync',
        deliver: () => {
          throw new Error('boom');
        },
      },
      channel().webhook,
      { name: 'inbox', deliver: async (n) => void delivered.push(n.id) },
    ];
    const errors: [string, string][] = [];
    await deliverAll(channels, notification, (name, error) => errors.push([name, (error as Error).message]));
    expect(errors.sort()).toEqual([
      ['mail', 'smtp down'],
      ['sync', 'boom'],
    ]);
    expect(received).toHaveLength(1);
    expect(delivered).toEqual(['ntf-1']);
  });

  it('reports a webhook that gives up under its channel name', async () => {
    script = [400];
    const errors: string[] = [];
    await deliverAll([new WebhookChannel({ url: `${base}/hook`, name: 'hr-webhook' })], notification, (name, error) =>
      errors.push(`${name}|${(error as Error).message}`),
    );
    expect(errors).toEqual([
      `hr-webhook|hr-webhook: delivering notification ntf-1 to ${base} failed after 1 attempt: HTTP 400 Bad Request`,
    ]);
  });
});
