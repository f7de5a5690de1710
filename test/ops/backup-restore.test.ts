/**
 * Backup and restore prove that nothing was lost: a backup taken (by `npm run backup`, in its
 * own process) while the server's app appends, restored into an empty DATA_DIR, holds every
 * write acknowledged before the backup's position, byte for byte, and nothing after it, in the
 * event log and in the Merkle log alike. A backup tampered with, truncated, mixed from two
 * ledgers or cut short by kill -9 is refused with a coded line, and leaves nothing behind.
 */
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { registerPerson, systemMeta } from '../../src/application/interview-service';
import { createApp, type App } from '../../src/server/app';
import { backup, BackupError, type BackupManifest } from '../../src/server/backup';
import { loadConfig, paths } from '../../src/server/config';
import { restore } from '../../src/server/restore';
import { runTs, spawnTs } from '../support/run-ts';

const ONLY_DATA_DIR = { JWT_SECRET: '', LEDGER_SIGNING_KEY: '', EVENTSTORE_URL: '', MONGODB_URL: '' };
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Row {
  position: number;
  stream: string;
  revision: number;
  body: Buffer;
  sig: Buffer;
}
const rows = (file: string): Row[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT position, stream, revision, body, sig FROM events ORDER BY position').all() as Row[];
  } finally {
    db.close();
  }
};

const person = (personId: string) => ({
  personId,
  name: '张伟',
  department: '生产部',
  position: '装配工',
  managerId: null,
  category: 'production' as const,
  level: 'staff' as const,
  roles: ['employee' as const],
});

/** Rewrites manifest.json after a file was changed, as someone hiding the change would. */
function rehash(dir: string, change: (m: BackupManifest) => BackupManifest = (m) => m): void {
  const file = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  const files = manifest.files.map((f) => {
    const bytes = readFileSync(join(dir, f.path));
    return { ...f, bytes: bytes.length, sha256: sha256(bytes) };
  });
  writeFileSync(file, JSON.stringify(change({ ...manifest, files }), null, 2));
}

describe('backup during a burst of concurrent writes, then restore', () => {
  const root = mkdtempSync(join(tmpdir(), 'backup-'));
  const env = { ...ONLY_DATA_DIR, DATA_DIR: join(root, 'live'), CHECKPOINT_INTERVAL_MS: '25', REMINDER_INTERVAL_MS: '0' };
  let app: App;
  afterAll(async () => {
    await app?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('holds every write acknowledged before its position, byte for byte, and nothing after it', async () => {
    app = await createApp(loadConfig(env));
    const attachment = randomBytes(10_000);
    await app.attachments.put(sha256(attachment), attachment);
    const acked = new Map<string, 'before' | 'during'>();
    let phase: 'before' | 'during' | 'stop' = 'before';
    let n = 0;
    const writer = async () => {
      while (phase !== 'stop') {
        const id = `E${String(n++).padStart(6, '0')}`;
        const when = phase;
        await registerPerson(app, systemMeta(new Date(), 'HR001'), person(id));
        acked.set(`person-${id}`, when);
        await new Promise((r) => setTimeout(r, 5)); // a steady burst, not one that outgrows the machine
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    while (acked.size < 200) await new Promise((r) => setTimeout(r, 10));
    phase = 'during';
    const beforeBackup = new Set([...acked].filter(([, w]) => w === 'before').map(([s]) => s));
    const out = join(root, 'backups', 'first');
    const taken = await runTs('scripts/backup.ts', ['--out', out, '--include-private-key'], env);
    phase = 'stop';
    await Promise.all(writers);
    expect([taken.code, taken.stderr]).toEqual([0, '']);
    expect(taken.stdout).toMatch(/^OK backup of [\d,]+ events/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as BackupManifest;
    expect(taken.stdout).toContain(`manifest sha256 ${sha256(readFileSync(join(out, 'manifest.json')))}`);
    expect(readdirSync(dirname(out))).toEqual(['first']); // no temporary directory left
    expect(existsSync(join(out, 'ledger-keys.private.json'))).toBe(true);
    expect(readFileSync(join(out, 'ledger-keys.json'), 'utf8')).not.toContain('seed');
    if (process.platform !== 'win32') for (const f of readdirSync(out)) expect(statSync(join(out, f)).mode & 0o077).toBe(0);

    const restoredDir = join(root, 'restored');
    const restored = await runTs('scripts/restore.ts', ['--from', out, '--workers', '1'], { ...env, DATA_DIR: restoredDir });
    expect([restored.code, restored.stderr]).toEqual([0, '']);
    expect(restored.stdout).toMatch(/^OK restored [\d,]+ events/);

    // The event log: exactly the live log's first N events, byte for byte.
    const live = rows(paths(app.config).events);
    const back = rows(join(restoredDir, 'events.db'));
    const last = Number(manifest.events.lastPosition);
    expect(back.length).toBe(manifest.events.count);
    expect(back).toEqual(live.filter((r) => r.position <= last));
    expect(live.length).toBeGreaterThan(back.length); // the burst went on after the backup's position
    // Every acknowledged write before the position is there; nothing after it.
    const position = new Map(live.map((r) => [r.stream, r.position]));
    const inBackup = new Set(back.map((r) => r.stream));
    for (const stream of beforeBackup) expect(inBackup.has(stream)).toBe(true);
    for (const [stream] of acked) expect(inBackup.has(stream)).toBe(position.get(stream)! <= last);

    // The Merkle log: one leaf per event, at the same position, and no checkpoint beyond it.
    const merkle = new Database(join(restoredDir, 'merkle.db'), { readonly: true });
    try {
      const leaves = merkle.prepare('SELECT leaf_index, position FROM leaves ORDER BY leaf_index').all() as Array<{
        leaf_index: number;
        position: string;
      }>;
      expect(leaves.map((l) => Number(l.position))).toEqual(back.map((r) => r.position));
      const sizes = merkle.prepare('SELECT tree_size FROM checkpoints ORDER BY tree_size').pluck().all() as number[];
      expect(Math.max(...sizes)).toBe(back.length);
      expect(manifest.checkpoint!.size).toBe(back.length);
      expect(manifest.checkpoint!.rootHash).toBe(Buffer.from(app.merkle.root(back.length)).toString('base64'));
    } finally {
      merkle.close();
    }
    // Attachments by content address, read models rebuilt.
    expect(readFileSync(join(restoredDir, 'attachments', sha256(attachment).slice(0, 2), sha256(attachment)))).toEqual(attachment);
    expect(existsSync(join(restoredDir, 'read-models.db'))).toBe(true);

    // The restored DATA_DIR verifies with npm run verify.
    const verified = await runTs('scripts/verify-ledger.ts', ['--workers', '0'], { ...env, DATA_DIR: restoredDir });
    expect(verified.code).toBe(0);
  }, 400_000);
});

describe('restore refuses a backup that is not sound, and leaves nothing', () => {
  const root = mkdtempSync(join(tmpdir(), 'restore-'));
  const config = (name: string) =>
    loadConfig({ ...ONLY_DATA_DIR, DATA_DIR: join(root, name), CHECKPOINT_INTERVAL_MS: '0', REMINDER_INTERVAL_MS: '0' });
  let good: string;
  let other: string;
  let attachmentSha: string;

  beforeAll(async () => {
    for (const [name, people] of [
      ['a', 30],
      ['b', 20],
    ] as const) {
      const app = await createApp(config(name));
      for (let i = 0; i < people; i++) await registerPerson(app, systemMeta(new Date(), 'HR001'), person(`E${i}`));
      if (name === 'a') {
        const bytes = randomBytes(5_000);
        attachmentSha = sha256(bytes);
        await app.attachments.put(attachmentSha, bytes);
      }
      await app.close();
      await backup(config(name), { out: join(root, `backup-${name}`), includePrivateKey: true });
    }
    good = join(root, 'backup-a');
    other = join(root, 'backup-b');
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  let copies = 0;
  const copy = (from = good) => {
    const dir = join(root, `copy-${++copies}`);
    cpSync(from, dir, { recursive: true });
    return dir;
  };
  /** Restores into a fresh DATA_DIR; expects a refusal with `code`, and nothing there or next to it. */
  async function refused(from: string, code: string, options: { privateKey?: string } = {}): Promise<string> {
    const target = config(`target-${++copies}`);
    const before = readdirSync(root);
    const error = await restore(target, { from, workers: 0, ...options }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).code).toBe(code);
    expect((error as BackupError).message).not.toContain('\n');
    expect(existsSync(target.dataDir)).toBe(false);
    expect(readdirSync(root)).toEqual(before); // no staging directory left
    return (error as BackupError).message;
  }

  it('restores the good backup, with the private key file given back from elsewhere', async () => {
    const kept = join(root, 'vault-key.json');
    const dir = copy();
    cpSync(join(dir, 'ledger-keys.private.json'), kept);
    rmSync(join(dir, 'ledger-keys.private.json'));
    const target = config('good');
    const result = await restore(target, { from: dir, privateKey: kept, workers: 0 });
    expect(result.events).toBe(result.manifest.events.count);
    expect(result.privateKeyRestored).toBe(true);
    expect(readFileSync(join(target.dataDir, 'ledger-keys.json'))).toEqual(readFileSync(kept));
    // The restored server starts on it, keys and all.
    const app = await createApp(target);
    expect(app.keyring.activeKid).toBe(result.manifest.keys.active);
    await app.close();
  }, 60_000);

  it('refuses a directory without a complete manifest (BACKUP_INCOMPLETE)', async () => {
    const dir = copy();
    rmSync(join(dir, 'manifest.json'));
    await refused(dir, 'BACKUP_INCOMPLETE');
    const cut = copy();
    writeFileSync(join(cut, 'manifest.json'), readFileSync(join(cut, 'manifest.json')).subarray(0, 200));
    await refused(cut, 'BACKUP_MANIFEST_INVALID');
  });

  it('refuses a changed byte in any file (BACKUP_FILE_CORRUPT), a missing or an added file', async () => {
    const dir = copy();
    const events = join(dir, 'events.db');
    const bytes = readFileSync(events);
    bytes[bytes.length - 100]! ^= 1;
    writeFileSync(events, bytes);
    expect(await refused(dir, 'BACKUP_FILE_CORRUPT')).toContain('events.db');
    const attachment = copy();
    const file = join(attachment, 'attachments', attachmentSha.slice(0, 2), attachmentSha);
    const a = readFileSync(file);
    a[0]! ^= 1;
    writeFileSync(file, a);
    await refused(attachment, 'BACKUP_FILE_CORRUPT');
    rehash(attachment); // the manifest made to agree: the content address still does not
    await refused(attachment, 'ATTACHMENT_CORRUPT');
    const missing = copy();
    rmSync(join(missing, 'merkle.db'));
    await refused(missing, 'BACKUP_FILE_MISSING');
    const added = copy();
    writeFileSync(join(added, 'events.db-wal'), 'x');
    await refused(added, 'BACKUP_FILE_UNLISTED');
  });

  it('refuses an event changed with the manifest rewritten to match (LEDGER_INVALID)', async () => {
    const dir = copy();
    const db = new Database(join(dir, 'events.db'));
    db.prepare("UPDATE events SET body = CAST(replace(CAST(body AS TEXT), '张伟', '李娜') AS BLOB) WHERE position = 5").run();
    db.close();
    rehash(dir);
    // The leaf hash no longer matches the body: the Merkle check names it first.
    await refused(dir, 'MERKLE_MISMATCH');
    const m = new Database(join(dir, 'merkle.db'));
    // …and with merkle.db's leaves made to match too, the signature does not.
    const events = new Database(join(dir, 'events.db'), { readonly: true });
    const body = events.prepare('SELECT body FROM events WHERE position = 5').pluck().get() as Buffer;
    events.close();
    m.prepare('UPDATE leaves SET leaf_hash = ? WHERE leaf_index = 4').run(
      createHash('sha256')
        .update(Buffer.concat([Buffer.from([0]), body]))
        .digest(),
    );
    m.close();
    rehash(dir);
    expect(await refused(dir, 'LEDGER_INVALID')).toMatch(/position=5 .*fault=/);
  });

  it('refuses a truncated log, even with the manifest and merkle.db rewritten to match', async () => {
    const dir = copy();
    const db = new Database(join(dir, 'events.db'));
    db.prepare('DELETE FROM events WHERE position > (SELECT max(position) - 3 FROM events)').run();
    db.close();
    rehash(dir);
    await refused(dir, 'BACKUP_LOG_MISMATCH');
    rehash(dir, (m) => ({
      ...m,
      events: { count: m.events.count - 3, lastPosition: String(Number(m.events.lastPosition) - 3) },
      merkle: { ...m.merkle, leaves: m.merkle.leaves - 3 },
    }));
    await refused(dir, 'MERKLE_MISMATCH');
    const m = new Database(join(dir, 'merkle.db'));
    const count = (m.prepare('SELECT count(*) FROM leaves').pluck().get() as number) - 3;
    m.prepare('DELETE FROM leaves WHERE leaf_index >= ?').run(count);
    m.close();
    rehash(dir);
    // The backup's checkpoint covers the events that were cut off.
    expect(await refused(dir, 'MERKLE_MISMATCH')).toMatch(/checkpoint/);
  });

  it('refuses a backup mixed from two ledgers', async () => {
    const dir = copy();
    cpSync(join(other, 'merkle.db'), join(dir, 'merkle.db'));
    rehash(dir);
    await refused(dir, 'MERKLE_MISMATCH');
    const keys = copy();
    rmSync(join(keys, 'ledger-keys.private.json'));
    cpSync(join(other, 'ledger-keys.json'), join(keys, 'ledger-keys.json'));
    rehash(keys);
    await refused(keys, 'BACKUP_KEY_MISMATCH');
    rehash(keys, (m) => ({ ...m, keys: JSON.parse(readFileSync(join(other, 'manifest.json'), 'utf8')).keys }));
    await refused(keys, 'LEDGER_INVALID');
    const privateKey = copy();
    rmSync(join(privateKey, 'ledger-keys.private.json'));
    await refused(privateKey, 'BACKUP_KEY_MISMATCH', { privateKey: join(other, 'ledger-keys.private.json') });
  });

  it('refuses a non-empty DATA_DIR, changing nothing in it, and a missing backup (exit 2)', async () => {
    const target = config('occupied');
    mkdirSync(target.dataDir);
    writeFileSync(join(target.dataDir, 'keep.txt'), 'mine');
    await expect(restore(target, { from: good })).rejects.toMatchObject({ code: 'DATA_DIR_NOT_EMPTY', exitCode: 2 });
    expect(readdirSync(target.dataDir)).toEqual(['keep.txt']);
    await expect(restore(config('nowhere'), { from: join(root, 'no-such-backup') })).rejects.toMatchObject({
      code: 'BACKUP_NOT_FOUND',
      exitCode: 2,
    });
    const cli = await runTs('scripts/restore.ts', ['--from', good], { ...ONLY_DATA_DIR, DATA_DIR: target.dataDir });
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim()).toMatch(/^restore: DATA_DIR_NOT_EMPTY: .+ is not empty/);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);

  it('says in one line (exit 2) that EventStoreDB and MongoDB are backed up with their own tools', async () => {
    for (const [script, args] of [
      ['scripts/backup.ts', ['--out', join(root, 'never')]],
      ['scripts/restore.ts', ['--from', good]],
    ] as const) {
      const run = await runTs(script, [...args], {
        ...ONLY_DATA_DIR,
        DATA_DIR: join(root, 'a'),
        EVENTSTORE_URL: 'esdb://localhost:2113?tls=false',
        MONGODB_URL: 'mongodb://localhost:27017',
        // What EVENTSTORE_URL requires of every command (the shared identity).
        LEDGER_SIGNING_KEY: Buffer.alloc(32, 1).toString('base64'),
        LEDGER_LOG_ORIGIN: 'hr.example.com/ledger',
        TOKEN_SIGNING_KEY: Buffer.alloc(32, 2).toString('base64'),
      });
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/EXTERNAL_STORE: EVENTSTORE_URL .*EventStoreDB.* and MONGODB_URL .*mongodump/);
    }
    expect(existsSync(join(root, 'never'))).toBe(false);
  }, 60_000);

  it('a backup killed with SIGKILL leaves no usable-looking backup', async () => {
    const out = join(root, 'killed', 'backup');
    mkdirSync(dirname(out));
    // One page per step: slow enough to be killed in the middle.
    const child = spawnTs('test/support/slow-backup.ts', [out], { ...ONLY_DATA_DIR, DATA_DIR: join(root, 'a') });
    let partial: string | undefined;
    for (let i = 0; i < 2_000 && !partial; i++) {
      await new Promise((r) => setTimeout(r, 5));
      const found = readdirSync(dirname(out)).find((f) => f.includes('.partial-'));
      if (found && existsSync(join(dirname(out), found, 'events.db'))) partial = join(dirname(out), found);
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    expect(partial).toBeDefined();
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(partial!, 'manifest.json'))).toBe(false);
    await refused(partial!, 'BACKUP_INCOMPLETE');
    const cli = await runTs('scripts/restore.ts', ['--from', partial!], { ...ONLY_DATA_DIR, DATA_DIR: join(root, 'from-partial') });
    expect(cli.code).toBe(1);
    expect(cli.stderr.trim()).toMatch(/^restore: BACKUP_INCOMPLETE: .+ has no manifest\.json/);
  }, 60_000);
});
