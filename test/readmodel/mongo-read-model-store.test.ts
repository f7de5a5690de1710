import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { MongoMemoryReplSet } from 'mongodb-memory-server';
import { connectMongo } from '../../src/readmodel/mongo-read-model-store';
import { readModelConformance } from './read-model.conformance';

/**
 * Runs the conformance suite against the MongoDB at MONGODB_TEST_URL or, without one, against a
 * throwaway single-node replica set from mongodb-memory-server when a mongod binary is already
 * on this machine. Neither: jest.config.js leaves this file out with one SKIP line. A URL that is
 * set but unreachable fails the suite.
 */
const url = process.env.MONGODB_TEST_URL || undefined;
/** A database of its own per run, so runs never see each other's documents or checkpoints. */
const dbName = `rm_conformance_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

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
  // jest.config.js found a local mongod (or left this file out with a SKIP line).
  const mongodPath = process.env.MONGOMS_SYSTEM_BINARY_FOUND;
  if (!mongodPath) throw new Error('no MONGODB_TEST_URL and no local mongod: jest.config.js should have left this suite out');
  let replSet: MongoMemoryReplSet | undefined;
  afterAll(async () => {
    await replSet?.stop();
  });
  readModelConformance('MongoDB (mongodb-memory-server)', async () => {
    replSet = await MongoMemoryReplSet.create({ binary: { systemBinary: mongodPath }, replSet: { count: 1 } });
    return connectMongo(replSet.getUri(), dbName);
  });
}
