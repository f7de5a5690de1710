import { GridFSBucket, MongoClient, MongoGridFSChunkError, type Db, type GridFSFile } from 'mongodb';
import { assertBytesMatch, assertSha256, AttachmentCorruptError, verifyStored, type AttachmentStore } from './attachment-store';

export const ATTACHMENT_BUCKET = 'attachments';
const CONNECT_TIMEOUT_MS = 3000;

/**
 * Attachments in MongoDB GridFS, bucket `attachments`, one GridFS file per object with
 * filename = sha256. GridFS writes the chunks first and the files document last, so a files
 * document names a complete upload. Two puts of one object may race past the existence check
 * and store it twice; the copies are identical by construction, `get` reads the newest, and
 * nothing needs cleaning up.
 */
export class GridFsAttachmentStore implements AttachmentStore {
  readonly name = 'gridfs';
  private readonly bucket: GridFSBucket;

  /** `owner`, when given, is closed by `close()`: the store then owns its connection. */
  constructor(
    readonly db: Db,
    private readonly owner?: MongoClient,
  ) {
    // The ledger event that names an object is appended after put returns: the bytes must
    // survive a primary failover by then.
    this.bucket = new GridFSBucket(db, { bucketName: ATTACHMENT_BUCKET, writeConcern: { w: 'majority' } });
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    assertSha256(sha256);
    assertBytesMatch(sha256, bytes);
    if (await this.has(sha256)) return;
    const upload = this.bucket.openUploadStream(sha256);
    await new Promise<void>((resolve, reject) => {
      upload.once('finish', resolve);
      upload.once('error', reject);
      upload.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
  }

  async get(sha256: string): Promise<Buffer | null> {
    assertSha256(sha256);
    const [file] = await this.bucket.find({ filename: sha256 }, { sort: { uploadDate: -1, _id: -1 }, limit: 1 }).toArray();
    if (!file) return null;
    const location = `GridFS ${ATTACHMENT_BUCKET} file ${file._id.toHexString()}`;
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of this.bucket.openDownloadStream(file._id)) chunks.push(chunk as Buffer);
    } catch (error) {
      // Missing, extra or wrongly sized chunks: the object is damaged, not the connection.
      if (error instanceof MongoGridFSChunkError) throw new AttachmentCorruptError(sha256, location, error.message);
      throw error;
    }
    return verifyStored(sha256, Buffer.concat(chunks), location);
  }

  async has(sha256: string): Promise<boolean> {
    assertSha256(sha256);
    const found: GridFSFile[] = await this.bucket.find({ filename: sha256 }, { limit: 1, projection: { _id: 1 } }).toArray();
    return found.length > 0;
  }

  async close(): Promise<void> {
    await this.owner?.close();
  }
}

/** Hides credentials of a connection string in error messages. */
const redact = (url: string): string => url.replace(/\/\/[^@/]*@/, '//***@');

/**
 * Connects with a client of its own and checks that the server answers, so that a wrong URL
 * fails at start-up rather than on the first upload. GridFS needs no transactions: a
 * standalone mongod will do.
 */
export async function connectGridFs(url: string, dbName: string): Promise<GridFsAttachmentStore> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } catch (error) {
    await client.close().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`MongoDB (attachments) not usable at ${redact(url)}: ${reason}`);
  }
  return new GridFsAttachmentStore(client.db(dbName), client);
}
