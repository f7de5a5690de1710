/**
 * The MongoDB read-model store where no mongod is needed: the indexes a rebuild must get back,
 * a document over the 16 MiB BSON limit, the runtime server-selection timeout. Against a real
 * server (MONGODB_TEST_URL or a local mongod) mongo-read-model-store.test.ts runs the conformance
 * suite and checks the indexes after a reset on the server itself.
 */
import { MongoClient, type Db } from 'mongodb';
import { connectMongo, DocumentTooLargeError, mongoClientOptions, MongoReadModelStore } from '../../src/readmodel/mongo-read-model-store';
import { READ_MODEL_INDEXES } from '../../src/projections/read-model-indexes';
import { withTimeout } from '../support/timeout';

/** A stand-in database that records what the store asks of its collections. */
function recordingDb() {
  const calls: string[] = [];
  const collection = (name: string) => ({
    createIndex: async (keys: Record<string, 1>) => {
      calls.push(`createIndex ${name} ${Object.keys(keys).join(',')}`);
      return 'ok';
    },
    drop: async () => {
      calls.push(`drop ${name}`);
      return true;
    },
    deleteOne: async () => {
      calls.push(`deleteOne ${name}`);
      return { deletedCount: 1 };
    },
    bulkWrite: async () => {
      calls.push(`bulkWrite ${name}`);
      return {};
    },
  });
  return { calls, db: { collection } as unknown as Db };
}

const unconnected = () => new MongoClient('mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=1');

describe('MongoReadModelStore without a server', () => {
  it('recreates the indexes of the collections a reset drops', async () => {
    const { calls, db } = recordingDb();
    const store = new MongoReadModelStore(unconnected(), db);
    await store.ensureIndex('interviews', ['employeeId', 'scheduledAt']);
    await store.ensureIndex('interviews', ['managerId', 'scheduledAt']);
    await store.ensureIndex('interviews', ['employeeId', 'scheduledAt']); // asked twice, kept once
    await store.ensureIndex('tasks', ['assigneeId', 'dueAt']);
    calls.length = 0;
    await store.reset('interviews-projection', ['interviews', 'other']);
    expect(calls).toEqual([
      'deleteOne checkpoints',
      'drop interviews',
      'createIndex interviews employeeId,scheduledAt,_id',
      'createIndex interviews managerId,scheduledAt,_id',
      'drop other',
    ]);
  });

  it('refuses a commit holding a document over 16 MiB with a named error, before writing anything', async () => {
    const { calls, db } = recordingDb();
    const store = new MongoReadModelStore(unconnected(), db);
    const big = { id: 'i1', text: 'x'.repeat(16 * 1024 * 1024) };
    const refused = store.commit('p', [{ op: 'put', collection: 'interviews', doc: big }], '1');
    await expect(refused).rejects.toBeInstanceOf(DocumentTooLargeError);
    await expect(refused).rejects.toMatchObject({
      code: 'DOCUMENT_TOO_LARGE',
      collection: 'interviews',
      id: 'i1',
      limit: 16 * 1024 * 1024,
    });
    await expect(refused).rejects.toThrow(/interviews\/i1 is \d+ bytes as BSON, over MongoDB's document limit of 16777216 bytes/);
    expect(calls).toEqual([]);
  });

  it('waits the runtime server-selection timeout (30 s, configurable), not the connect probe’s 3 s', () => {
    expect(mongoClientOptions().serverSelectionTimeoutMS).toBe(30_000);
    expect(mongoClientOptions({ serverSelectionTimeoutMS: 45_000 }).serverSelectionTimeoutMS).toBe(45_000);
    expect(mongoClientOptions().ignoreUndefined).toBe(true);
  });

  it('still fails start-up quickly on a server that does not answer, through the probe’s own bound', async () => {
    await expect(
      withTimeout(connectMongo('mongodb://127.0.0.1:1/?replicaSet=rs0', 'x'), 15_000, 'the probe was not bounded'),
    ).rejects.toThrow(/MongoDB not usable at mongodb:\/\/127\.0\.0\.1:1/);
  });
});

describe('the read models’ index list', () => {
  it('has the indexes the queries need, once each, on both stores', () => {
    const keys = READ_MODEL_INDEXES.map((i) => `${i.collection}(${i.fields.join(',')})`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(
      expect.arrayContaining([
        'interviews(employeeId,scheduledAt)',
        'interviews(managerId,scheduledAt)',
        'interview_versions(interviewId,revision)',
        'notifications(audience,recordedAt)',
        'notifications(recordedAt)',
      ]),
    );
    // Only the array-membership index is MongoDB's alone.
    expect(READ_MODEL_INDEXES.filter((i) => i.elements).map((i) => i.collection)).toEqual(['notifications']);
  });
});
