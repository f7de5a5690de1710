import { GridFSBucket, MongoClient, MongoGridFSChunkError, type Db, type Filter, type GridFSFile, type ObjectId } from 'mongodb';
import {
  assertBytesMatch,
  assertSha256,
  assertStagedInterviewId,
  AttachmentCorruptError,
  isSha256Hex,
  STAGED_INTERVIEW_ID,
  verifyStored,
  type AttachmentStore,
  type StagedAttachment,
} from './attachment-store';

export const ATTACHMENT_BUCKET = 'attachments';
const CONNECT_TIMEOUT_MS = 3000;

/**
 * Attachments in MongoDB GridFS, bucket `attachments`, one GridFS file per object with
 * filename = sha256. GridFS writes the chunks first and the files document last, so a files
 * document names a complete upload. Two puts of one object may race past the existence check
 * and store it twice; the copies are identical by construction, `get` reads the newest, and
 * nothing needs cleaning up.
 *
 * Staged uploads are GridFS files of the same bucket with `metadata.staged: true` and
 * `metadata.interviewId`; every read filters them out. Commit is one update that removes the
 * flag (atomic on the files document), or, when the object is there already, deleting the
 * staged copy; discard deletes it.
 */
export class GridFsAttachmentStore implements AttachmentStore {
  readonly name = 'gridfs';
  private readonly bucket: GridFSBucket;

  /** `owner`, when given, is closed by `close()`: the store then owns its connection. */
  constructor(
    readonly db: Db,
    private readonly owner?: MongoClient,
  ) {
    // The ledger event that names an upload is appended once it is staged: the bytes must
    // survive a primary failover by then.
    this.bucket = new GridFSBucket(db, { bucketName: ATTACHMENT_BUCKET, writeConcern: { w: 'majority' } });
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    assertSha256(sha256);
    assertBytesMatch(sha256, bytes);
    if (await this.has(sha256)) return;
    await this.upload(sha256, bytes);
  }

  async stage(sha256: string, bytes: Uint8Array, interviewId: string): Promise<StagedAttachment> {
    assertSha256(sha256);
    assertStagedInterviewId(interviewId);
    assertBytesMatch(sha256, bytes);
    const id = await this.upload(sha256, bytes, { staged: true, interviewId });
    return this.staged(sha256, interviewId, id, new Date());
  }

  async listStaged(): Promise<StagedAttachment[]> {
    const files = await this.bucket.find({ 'metadata.staged': true }, { sort: { uploadDate: 1, _id: 1 } }).toArray();
    return files
      .filter((file) => isSha256Hex(file.filename) && STAGED_INTERVIEW_ID.test(String(file.metadata?.interviewId)))
      .map((file) => this.staged(file.filename, String(file.metadata!.interviewId), file._id, file.uploadDate));
  }

  private staged(sha256: string, interviewId: string, id: ObjectId, stagedAt: Date): StagedAttachment {
    const files = this.db.collection<GridFSFile>(`${ATTACHMENT_BUCKET}.files`);
    const discard = async () => {
      if (!(await files.findOne({ _id: id, 'metadata.staged': true }, { projection: { _id: 1 } }))) return;
      try {
        await this.bucket.delete(id);
      } catch (error) {
        // Discarded by someone else in between (a sweep, or the upload itself): nothing left to do.
        if (await files.findOne({ _id: id }, { projection: { _id: 1 } })) throw error;
      }
    };
    return {
      sha256,
      interviewId,
      stagedAt,
      discard,
      commit: async () => {
        if (await this.has(sha256)) return discard();
        // The object becomes visible with this one update: chunks and length are there already.
        await files.updateOne({ _id: id, 'metadata.staged': true }, { $unset: { metadata: '' } }, { writeConcern: { w: 'majority' } });
        if (!(await this.has(sha256))) throw new Error(`attachment store: staged upload ${id.toHexString()} of ${sha256} is gone`);
      },
    };
  }

  private async upload(sha256: string, bytes: Uint8Array, metadata?: Record<string, unknown>): Promise<ObjectId> {
    const upload = this.bucket.openUploadStream(sha256, metadata ? { metadata } : {});
    await new Promise<void>((resolve, reject) => {
      upload.once('finish', resolve);
      upload.once('error', reject);
      upload.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
    return upload.id;
  }

  async get(sha256: string): Promise<Buffer | null> {
    assertSha256(sha256);
    const [file] = await this.bucket.find(committed(sha256), { sort: { uploadDate: -1, _id: -1 }, limit: 1 }).toArray();
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
    const found: GridFSFile[] = await this.bucket.find(committed(sha256), { limit: 1, projection: { _id: 1 } }).toArray();
    return found.length > 0;
  }

  async close(): Promise<void> {
    await this.owner?.close();
  }
}

/** The committed copies of an object: staged uploads are not objects yet. */
const committed = (sha256: string): Filter<GridFSFile> => ({ filename: sha256, 'metadata.staged': { $ne: true } });

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
