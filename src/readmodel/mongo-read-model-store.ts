import {
  BSON,
  MongoClient,
  MongoServerError,
  type AnyBulkWriteOperation,
  type Collection,
  type Db,
  type Filter,
  type MongoClientOptions,
  type Sort,
} from 'mongodb';
import {
  CheckpointConflictError,
  type CommitOptions,
  type Doc,
  type DocWrite,
  type FindQuery,
  type Lease,
  type ReadModelStore,
  type Scalar,
} from './read-model-store';

/** A read-model document as stored: the port's `id` doubles as the primary key. */
interface StoredDoc {
  _id: string;
  [field: string]: unknown;
}

interface CheckpointDoc {
  _id: string;
  position: string;
}

import { CONNECT_TIMEOUT_MS, DEFAULT_SERVER_SELECTION_TIMEOUT_MS, MAX_BSON_DOCUMENT_BYTES } from './mongo-limits';

interface LeaseDoc {
  _id: string;
  holder: string;
  epoch: number;
  expiresAt: number;
}

const CHECKPOINTS = 'checkpoints';
const LEASES = 'leases';
const DUPLICATE_KEY = 11000;
const DEFAULT_DB = 'interview_ledger';
const NAMESPACE_NOT_FOUND = 26;

/**
 * Thrown by `commit` when a document is over MongoDB's 16 MiB BSON limit; nothing of the commit
 * is written. Named, with the collection, id and size, rather than the driver's bare
 * "document is larger than the maximum size" from the middle of a bulk write.
 */
export class DocumentTooLargeError extends Error {
  readonly code = 'DOCUMENT_TOO_LARGE';
  constructor(
    readonly collection: string,
    readonly id: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`read model: ${collection}/${id} is ${bytes} bytes as BSON, over MongoDB's document limit of ${limit} bytes`);
    this.name = 'DocumentTooLargeError';
  }
}

/**
 * Field names reach MongoDB as query keys; restricting them (as the SQLite adapter does) keeps
 * a caller from smuggling in operators such as `$where` or dotted paths.
 */
const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function field(name: string): string {
  if (!FIELD.test(name)) throw new Error(`read model: invalid field name ${JSON.stringify(name)}`);
  // `id` lives in the document too, but only `_id` is indexed by default.
  return name === 'id' ? '_id' : name;
}

function equality(where: Readonly<Record<string, Scalar>> = {}): Filter<StoredDoc> {
  const filter: Filter<StoredDoc> = {};
  for (const [name, value] of Object.entries(where)) filter[field(name)] = value;
  return filter;
}

function fromStored<T extends Doc>(stored: StoredDoc): T {
  const { _id, ...doc } = stored;
  return doc as T;
}

/**
 * Read models on MongoDB: one MongoDB collection per read-model collection, documents keyed by
 * `_id` = id, and a `checkpoints` collection. `commit` runs in a multi-document transaction so
 * documents and checkpoint move together, which needs a replica set (a single node is enough).
 */
export class MongoReadModelStore implements ReadModelStore {
  readonly name = 'mongodb';
  /** Every index asked for, per collection: `reset` drops collections with their indexes and recreates these. */
  private readonly indexes = new Map<string, Array<readonly string[]>>();

  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  private docs(collection: string): Collection<StoredDoc> {
    // A read model named like the checkpoint collection would overwrite checkpoints.
    if (collection === CHECKPOINTS || collection === LEASES) throw new Error(`read model: collection name ${collection} is reserved`);
    return this.db.collection<StoredDoc>(collection);
  }

  private get checkpoints(): Collection<CheckpointDoc> {
    return this.db.collection<CheckpointDoc>(CHECKPOINTS);
  }

  /** Creates a compound index on `fields` then id, so that filters and keyset sorts stay fast. */
  async ensureIndex(collection: string, fields: readonly string[]): Promise<void> {
    const keys: Record<string, 1> = {};
    for (const name of fields) keys[field(name)] = 1;
    keys._id = 1;
    await this.docs(collection).createIndex(keys);
    const known = this.indexes.get(collection) ?? [];
    if (!known.some((f) => f.join('\0') === fields.join('\0'))) known.push([...fields]);
    this.indexes.set(collection, known);
  }

  async get<T extends Doc = Doc>(collection: string, id: string): Promise<T | null> {
    const stored = await this.docs(collection).findOne({ _id: id });
    return stored ? fromStored<T>(stored) : null;
  }

  async getMany<T extends Doc = Doc>(collection: string, ids: readonly string[]): Promise<(T | null)[]> {
    if (ids.length === 0) return [];
    const found = new Map<string, T>();
    const cursor = this.docs(collection).find({ _id: { $in: [...new Set(ids)] } });
    for await (const stored of cursor) found.set(stored._id, fromStored<T>(stored));
    return ids.map((id) => found.get(id) ?? null);
  }

  async find<T extends Doc = Doc>(collection: string, query: FindQuery): Promise<T[]> {
    // Same bound as the SQLite adapter; and MongoDB reads limit 0 as "no limit".
    const limit = Math.max(0, Math.min(Math.floor(query.limit), 10_000));
    if (limit === 0) return [];
    const clauses: Filter<StoredDoc>[] = [];
    if (query.where && Object.keys(query.where).length > 0) clauses.push(equality(query.where));
    if (query.contains) {
      // On an array field, equality matches any element: that is the membership test.
      clauses.push({ [field(query.contains.field)]: query.contains.value });
    }
    const sortField = field(query.orderBy.field);
    const dir = query.orderBy.direction === 'desc' ? -1 : 1;
    if (query.after) {
      const op = dir === -1 ? '$lt' : '$gt';
      clauses.push({
        $or: [{ [sortField]: { [op]: query.after.value } }, { [sortField]: query.after.value, _id: { [op]: query.after.id } }],
      });
    }
    const sort: Sort = sortField === '_id' ? { _id: dir } : { [sortField]: dir, _id: dir };
    const stored = await this.docs(collection)
      .find(clauses.length === 0 ? {} : clauses.length === 1 ? clauses[0]! : { $and: clauses })
      .sort(sort)
      .limit(limit)
      .toArray();
    return stored.map((s) => fromStored<T>(s));
  }

  async count(collection: string, where: Readonly<Record<string, Scalar>> = {}, contains?: FindQuery['contains']): Promise<number> {
    // On an array field, equality matches any element: the same membership test as in find.
    const filter = contains ? { $and: [equality(where), { [field(contains.field)]: contains.value }] } : equality(where);
    return this.docs(collection).countDocuments(filter as Filter<StoredDoc>);
  }

  async checkpoint(name: string): Promise<string | null> {
    return (await this.checkpoints.findOne({ _id: name }))?.position ?? null;
  }

  async commit(name: string, writes: readonly DocWrite[], checkpoint: string, options: CommitOptions = {}): Promise<void> {
    assertStorable(writes);
    // One ordered bulk write per collection keeps the round trips per commit small; the order
    // of writes to the same document is preserved because they share a collection.
    const byCollection = new Map<string, AnyBulkWriteOperation<StoredDoc>[]>();
    for (const write of writes) {
      const ops = byCollection.get(write.collection) ?? [];
      byCollection.set(write.collection, ops);
      if (write.op === 'put') {
        ops.push({ replaceOne: { filter: { _id: write.doc.id }, replacement: { _id: write.doc.id, ...write.doc }, upsert: true } });
      } else {
        ops.push({ deleteOne: { filter: { _id: write.id } } });
      }
    }
    await this.client.withSession((session) =>
      session.withTransaction(
        async () => {
          // Read in the transaction: a concurrent commit's checkpoint write conflicts with ours,
          // and the driver runs this again, which then sees the newer checkpoint and refuses.
          if (options.expected !== undefined) {
            const actual = (await this.checkpoints.findOne({ _id: name }, { session }))?.position ?? null;
            if (actual !== options.expected) throw new CheckpointConflictError(name, options.expected, actual);
          }
          for (const [collection, ops] of byCollection) {
            await this.docs(collection).bulkWrite(ops, { session, ordered: true });
          }
          await this.checkpoints.replaceOne({ _id: name }, { position: checkpoint }, { session, upsert: true });
        },
        { writeConcern: { w: 'majority' } },
      ),
    );
  }

  async reset(name: string, collections: readonly string[]): Promise<void> {
    // Collection drops cannot join a transaction. Forget the checkpoint first: a crash half-way
    // then leaves a projection that replays from the start over leftovers it overwrites, never
    // a checkpoint that claims documents which were already dropped.
    await this.checkpoints.deleteOne({ _id: name });
    for (const collection of collections) {
      try {
        await this.docs(collection).drop();
      } catch (error) {
        if (!(error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND)) throw error;
      }
      // A drop takes the collection's indexes with it: without these the rebuilt read models
      // would answer every filtered or sorted query by a full scan.
      for (const fields of this.indexes.get(collection) ?? []) await this.ensureIndex(collection, fields);
    }
  }

  async insertIfAbsent(collection: string, doc: Doc): Promise<boolean> {
    try {
      await this.docs(collection).insertOne({ _id: doc.id, ...doc }, { writeConcern: { w: 'majority' } });
      return true;
    } catch (error) {
      if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async lease(name: string, holder: string, ttlMs: number): Promise<Lease> {
    const leases = this.db.collection<LeaseDoc>(LEASES);
    const now = Date.now();
    const expiresAt = now + ttlMs;
    // Renewed by its holder while valid (same epoch); taken over once expired (next epoch).
    const renewed = await leases.findOneAndUpdate(
      { _id: name, holder, expiresAt: { $gt: now } },
      { $set: { expiresAt } },
      { returnDocument: 'after', writeConcern: { w: 'majority' } },
    );
    if (renewed) return { name, holder, epoch: renewed.epoch, expiresAt };
    const taken = await leases.findOneAndUpdate(
      { _id: name, expiresAt: { $lte: now } },
      { $set: { holder, expiresAt }, $inc: { epoch: 1 } },
      { returnDocument: 'after', writeConcern: { w: 'majority' } },
    );
    if (taken) return { name, holder, epoch: taken.epoch, expiresAt };
    try {
      await leases.insertOne({ _id: name, holder, epoch: 1, expiresAt }, { writeConcern: { w: 'majority' } });
      return { name, holder, epoch: 1, expiresAt };
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
    }
    const current = await leases.findOne({ _id: name });
    if (!current) throw new Error(`lease ${name} vanished while being taken`);
    return { name, holder: current.holder, epoch: current.epoch, expiresAt: current.expiresAt };
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.db.collection<LeaseDoc>(LEASES).updateOne({ _id: name, holder }, { $set: { expiresAt: 0 } });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** Refuses a commit holding a document MongoDB cannot store (the same measure the driver applies). */
function assertStorable(writes: readonly DocWrite[]): void {
  for (const write of writes) {
    if (write.op !== 'put') continue;
    const bytes = BSON.calculateObjectSize({ _id: write.doc.id, ...write.doc }, { ignoreUndefined: true });
    if (bytes > MAX_BSON_DOCUMENT_BYTES) throw new DocumentTooLargeError(write.collection, write.doc.id, bytes, MAX_BSON_DOCUMENT_BYTES);
  }
}

/**
 * The client's options. `serverSelectionTimeoutMS` is how long every operation waits for a
 * primary: it must outlast an election (the 3 s of the connect probe would fail commits during
 * a normal one), so it is the runtime value, 30 s by default (MONGODB_SERVER_SELECTION_TIMEOUT_MS).
 */
export function mongoClientOptions(options: { serverSelectionTimeoutMS?: number } = {}): MongoClientOptions {
  return {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? DEFAULT_SERVER_SELECTION_TIMEOUT_MS,
    // Documents are JSON: drop undefined fields as JSON.stringify does, instead of storing null.
    ignoreUndefined: true,
  };
}

/** The database named in the connection string's path, if any. */
function databaseInUrl(url: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]+)/.exec(url);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/** Hides credentials of a connection string in error messages. */
const redact = (url: string): string => url.replace(/\/\/[^@/]*@/, '//***@');

/**
 * Connects and checks that the server answers and can run transactions, so that a wrong URL,
 * a stopped server or a standalone mongod fails at start-up rather than on the first commit.
 * `dbName` defaults to the database in the URL, else `interview_ledger`.
 */
export async function connectMongo(
  url: string,
  dbName?: string,
  options: { serverSelectionTimeoutMS?: number } = {},
): Promise<MongoReadModelStore> {
  const client = new MongoClient(url, mongoClientOptions(options));
  // The probe has a bound of its own (CONNECT_TIMEOUT_MS): a wrong URL fails start-up quickly,
  // while operations later wait the runtime server-selection timeout.
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        const hello = await client.db('admin').command({ hello: 1 });
        if (!hello.setName && hello.msg !== 'isdbgrid') {
          throw new Error('server is a standalone mongod; transactions need a replica set (e.g. --replSet rs0)');
        }
      })(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    await client.close().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`MongoDB not usable at ${redact(url)}: ${reason}`);
  } finally {
    clearTimeout(timer);
  }
  return new MongoReadModelStore(client, client.db(dbName ?? databaseInUrl(url) ?? DEFAULT_DB));
}
