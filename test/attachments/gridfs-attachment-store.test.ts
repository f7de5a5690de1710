import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Binary, GridFSBucket, MongoClient, type Db } from 'mongodb';
import { MongoMemoryServer } from 'mongodb-memory-server';
import { ATTACHMENT_BUCKET, connectGridFs, GridFsAttachmentStore } from '../../src/attachments/gridfs-attachment-store';
import { attachmentStoreConformance, type OpenedAttachmentStore } from './attachment-store.conformance';

/**
 * Runs the conformance suite against GridFS on the MongoDB at MONGODB_TEST_URL or, without one, on a
 * throwaway mongod from mongodb-memory-server when a mongod binary is already on this machine.
 * Neither: jest.config.js leaves this file out with one SKIP line. A URL that is set but
 * unreachable fails the suite.
 */
const url = process.env.MONGODB_TEST_URL || undefined;
/** A database of its own per run, so runs never see each other's objects. */
const dbName = `att_conformance_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

/** Flips one bit of the first chunk of every stored copy of `sha256`. */
async function corruptIn(db: Db, sha256: string): Promise<void> {
  const files = await db.collection(`${ATTACHMENT_BUCKET}.files`).find({ filename: sha256 }).toArray();
  for (const file of files) {
    const chunk = await db.collection(`${ATTACHMENT_BUCKET}.chunks`).findOne({ files_id: file._id, n: 0 });
    const data = Buffer.from((chunk!.data as Binary).buffer);
    data[0] = data[0]! ^ 0x01;
    await db.collection(`${ATTACHMENT_BUCKET}.chunks`).updateOne({ _id: chunk!._id }, { $set: { data: new Binary(data) } });
  }
}

let server: MongoMemoryServer | undefined;
let uri: string;
let connected = false;

beforeAll(async () => {
  if (url) {
    uri = url;
    return;
  }
  // jest.config.js found a local mongod (or left this file out with a SKIP line).
  const mongodPath = process.env.MONGOMS_SYSTEM_BINARY_FOUND;
  if (!mongodPath) throw new Error('no MONGODB_TEST_URL and no local mongod: jest.config.js should have left this suite out');
  // GridFS needs no transactions: a standalone mongod will do.
  server = await MongoMemoryServer.create({ binary: { systemBinary: mongodPath } });
  uri = server.getUri();
});

afterAll(async () => {
  // Runs after the suites have closed their stores: drop this run's database with a client of
  // our own. Nothing to drop (and nothing to add to the failure) when the server never answered.
  if (connected) {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 3000 });
    try {
      await client.db(dbName).dropDatabase();
    } finally {
      await client.close();
    }
  }
  await server?.stop();
});

async function open(): Promise<OpenedAttachmentStore> {
  const store = await connectGridFs(uri, dbName);
  connected = true;
  return { store, corrupt: (sha256) => corruptIn(store.db, sha256) };
}

attachmentStoreConformance(url ? 'GridFS' : 'GridFS (mongodb-memory-server)', open);

describe('GridFsAttachmentStore with duplicate copies', () => {
  let store: GridFsAttachmentStore;
  beforeAll(async () => {
    store = (await open()).store as GridFsAttachmentStore;
  });
  afterAll(async () => {
    await store?.close();
  });

  /** Writes a copy the way a put that raced past the existence check would. */
  async function storeCopy(sha256: string, bytes: Buffer): Promise<void> {
    const upload = new GridFSBucket(store.db, { bucketName: ATTACHMENT_BUCKET }).openUploadStream(sha256);
    await new Promise<void>((resolve, reject) => upload.once('finish', resolve).once('error', reject).end(bytes));
  }

  it('tolerates two copies of one object and reads the newest', async () => {
    const bytes = randomBytes(5000);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await storeCopy(sha256, bytes);
    // The older copy is damaged; the newer, written after it, is intact.
    await corruptIn(store.db, sha256);
    await new Promise((r) => setTimeout(r, 5));
    await storeCopy(sha256, bytes);
    expect(await store.db.collection(`${ATTACHMENT_BUCKET}.files`).countDocuments({ filename: sha256 })).toBe(2);
    expect((await store.get(sha256))!.equals(bytes)).toBe(true);
    // put sees the object and adds no third copy.
    await store.put(sha256, bytes);
    expect(await store.db.collection(`${ATTACHMENT_BUCKET}.files`).countDocuments({ filename: sha256 })).toBe(2);
  });

  it('reports missing chunks as corruption of the named object', async () => {
    const bytes = randomBytes(300 * 1024);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await store.put(sha256, bytes);
    const file = await store.db.collection(`${ATTACHMENT_BUCKET}.files`).findOne({ filename: sha256 });
    await store.db.collection(`${ATTACHMENT_BUCKET}.chunks`).deleteOne({ files_id: file!._id, n: 1 });
    await expect(store.get(sha256)).rejects.toThrow(
      new RegExp(`attachment ${sha256} at GridFS attachments file ${file!._id.toHexString()} is corrupt`),
    );
  });
});
