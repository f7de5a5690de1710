import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import type { MongoMemoryReplSet } from 'mongodb-memory-server';
import { connectMongo } from '../../src/readmodel/mongo-read-model-store';
import { readModelConformance } from './read-model.conformance';

/**
 * Runs the conformance suite against the MongoDB at MONGODB_URL or, without one, against a
 * throwaway single-node replica set from mongodb-memory-server when a mongod binary is already
 * on this machine. Neither: one skip line and a single passing test naming the reason, so the
 * skip shows in every report. A URL that is set but unreachable fails the suite.
 */
const url = process.env.MONGODB_URL || undefined;
/** A database of its own per run, so runs never see each other's documents or checkpoints. */
const dbName = `rm_conformance_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

/**
 * Jest registers tests synchronously, so whether mongodb-memory-server can start must be known
 * before any await. Ask it, in a child process, for an existing mongod without downloading one
 * (this machine has no network access to the binary mirror; a download would hang the run).
 */
function localMongod(): { path: string } | { reason: string } {
  const script = `
    const { spawnSync } = require('node:child_process');
    require('mongodb-memory-server').MongoBinary.getPath().then((path) => {
      const run = spawnSync(path, ['--version'], { timeout: 5000 });
      if (run.status !== 0) throw new Error(path + ' --version failed: ' + String(run.stderr || run.error));
      process.stdout.write(path);
    }).catch((error) => {
      process.stderr.write(String((error && error.message) || error));
      process.exit(1);
    });`;
  const probe = spawnSync(process.execPath, ['-e', script], {
    cwd: resolve(__dirname, '../..'),
    env: { ...process.env, MONGOMS_RUNTIME_DOWNLOAD: 'false' },
    encoding: 'utf8',
    timeout: 15_000,
  });
  if (probe.status === 0 && probe.stdout) return { path: probe.stdout };
  const detail = (probe.stderr || probe.error?.message || `exit ${String(probe.status ?? probe.signal)}`).split('\n')[0];
  return { reason: `no local mongod for mongodb-memory-server: ${detail}` };
}

if (url) {
  let connected = false;
  afterAll(async () => {
    // Runs after the suite has closed its store: drop this run's database with a client of our
    // own. Nothing to drop (and nothing to add to the failure) when the server never answered.
    if (!connected) return;
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 3000 });
    try {
      await client.db(dbName).dropDatabase();
    } finally {
      await client.close();
    }
  });
  readModelConformance('MongoDB', async () => {
    const store = await connectMongo(url, dbName);
    connected = true;
    return store;
  });
} else {
  const mongod = localMongod();
  if ('path' in mongod) {
    let replSet: MongoMemoryReplSet | undefined;
    afterAll(async () => {
      await replSet?.stop();
    });
    readModelConformance('MongoDB (mongodb-memory-server)', async () => {
      const { MongoMemoryReplSet } = await import('mongodb-memory-server');
      replSet = await MongoMemoryReplSet.create({ binary: { systemBinary: mongod.path }, replSet: { count: 1 } });
      return connectMongo(replSet.getUri(), dbName);
    });
  } else {
    console.log(`SKIP MongoDB conformance: MONGODB_URL is not set and ${mongod.reason} (start one with docker compose up)`);
    describe('ReadModel conformance: MongoDB', () => {
      it('skipped: MongoDB not reachable (MONGODB_URL unset, no local mongod)', () => {
        expect(process.env.MONGODB_URL || undefined).toBeUndefined();
        expect(mongod.reason).toMatch(/no local mongod/);
      });
    });
  }
}
