import Database from 'better-sqlite3';
import { deepFreeze } from '../domain/deep-freeze';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  CheckpointConflictError,
  type CommitOptions,
  type Doc,
  type DocWrite,
  type FindQuery,
  type Lease,
  type ReadOptions,
  type ReadModelStore,
  type Scalar,
} from './read-model-store';

const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function field(name: string): string {
  if (!FIELD.test(name)) throw new Error(`read model: invalid field name ${JSON.stringify(name)}`);
  return `json_extract(data, '$.${name}')`;
}

/** Array membership: the field (validated like any other) holds the bound value. */
function containsClause(name: string): string {
  field(name);
  return `EXISTS (SELECT 1 FROM json_each(data, '$.${name}') WHERE value = ?)`;
}

/** SQLite stores booleans as 0/1 inside json_extract; bind them the same way. */
const bind = (value: Scalar): string | number => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

/**
 * Embedded read models: one table of JSON documents keyed by (collection, id), and one table
 * of projection checkpoints, written in the same transaction.
 */
/** Ids per `getMany` query (SQLite's default limit of bound parameters is far above). */
const GET_MANY_CHUNK = 500;
const MANY_DATA = 'id, data';
const MANY_REVS = 'id, rev';
const MANY_DATA_REVS = 'id, data, rev';
const sharedKey = (collection: string, id: string) => `${collection}\u0000${id}`;

interface SharedDoc {
  readonly rev: number;
  readonly doc: unknown;
  readonly chars: number;
}

/** Characters of stored text whose parsed documents are kept for shared readers (~64 MiB of text). */
const SHARED_DOCS_MAX_CHARS = 32 * 2 ** 20;
/** Larger documents are parsed for each read, never kept. */
const SHARED_DOC_MAX_CHARS = 2 * 2 ** 20;
/** Prepared statements kept for the SQL the store builds for finds and counts. */
const BUILT_STATEMENTS = 2048;
const FREEZE_SHARED_DOCS = process.env.NODE_ENV === 'test';

export class SqliteReadModelStore implements ReadModelStore {
  readonly name = 'sqlite';
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly built = new Map<string, Database.Statement<unknown[], unknown>>();
  /** Parsed documents for shared readers, by collection and id, with the revision they were read at (see keep). */
  private readonly sharedDocs = new Map<string, SharedDoc>();
  private sharedChars = 0;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS docs (
        collection TEXT NOT NULL,
        id         TEXT NOT NULL,
        data       TEXT NOT NULL,
        PRIMARY KEY (collection, id)
      );
      CREATE TABLE IF NOT EXISTS checkpoints (
        name     TEXT PRIMARY KEY,
        position TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS revisions (
        id    INTEGER PRIMARY KEY CHECK (id = 1),
        value INTEGER NOT NULL
      );
      INSERT OR IGNORE INTO revisions (id, value) VALUES (1, 0);
      CREATE TABLE IF NOT EXISTS leases (
        name       TEXT PRIMARY KEY,
        holder     TEXT NOT NULL,
        epoch      INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `);
    // Every write stamps its documents with a revision from one counter that only grows, in the
    // file (so across processes and resets): a document read again with the same revision is
    // the same text, and shared readers take it from the parsed documents kept (see keep).
    // Rows from before the column existed have 0, which is never kept.
    const columns = this.db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('docs')").all();
    if (!columns.some((c) => c.name === 'rev')) this.db.exec('ALTER TABLE docs ADD COLUMN rev INTEGER NOT NULL DEFAULT 0');
    this.stmts = {
      get: this.db.prepare<[string, string], { data: string }>('SELECT data FROM docs WHERE collection = ? AND id = ?'),
      getRev: this.db.prepare<[string, string], { rev: number }>('SELECT rev FROM docs WHERE collection = ? AND id = ?'),
      getWithRev: this.db.prepare<[string, string], { data: string; rev: number }>(
        'SELECT data, rev FROM docs WHERE collection = ? AND id = ?',
      ),
      nextRev: this.db.prepare<[], number>('UPDATE revisions SET value = value + 1 WHERE id = 1 RETURNING value').pluck(),
      put: this.db.prepare(
        'INSERT INTO docs (collection, id, data, rev) VALUES (?, ?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET data = excluded.data, rev = excluded.rev',
      ),
      del: this.db.prepare('DELETE FROM docs WHERE collection = ? AND id = ?'),
      checkpoint: this.db.prepare<[string], { position: string }>('SELECT position FROM checkpoints WHERE name = ?'),
      setCheckpoint: this.db.prepare(
        'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
      ),
      dropCollection: this.db.prepare('DELETE FROM docs WHERE collection = ?'),
      dropCheckpoint: this.db.prepare('DELETE FROM checkpoints WHERE name = ?'),
      insertIfAbsent: this.db.prepare(
        'INSERT INTO docs (collection, id, data, rev) VALUES (?, ?, ?, ?) ON CONFLICT (collection, id) DO NOTHING',
      ),
      lease: this.db.prepare<[string], { holder: string; epoch: number; expires_at: number }>(
        'SELECT holder, epoch, expires_at FROM leases WHERE name = ?',
      ),
      setLease: this.db.prepare(
        'INSERT INTO leases (name, holder, epoch, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, epoch = excluded.epoch, expires_at = excluded.expires_at',
      ),
      releaseLease: this.db.prepare('UPDATE leases SET expires_at = 0 WHERE name = ? AND holder = ?'),
    };
  }

  /** Creates an expression index so that filters and sorts on `fields` stay fast. */
  ensureIndex(collection: string, fields: readonly string[]): void {
    const name = `idx_${collection}_${fields.join('_')}`.replace(/[^A-Za-z0-9_]/g, '_');
    const columns = fields.map(field).join(', ');
    this.db.exec(
      `CREATE INDEX IF NOT EXISTS ${name} ON docs (collection, ${columns}, id) WHERE collection = '${collection.replace(/'/g, "''")}'`,
    );
  }

  async get<T extends Doc = Doc>(collection: string, id: string, options?: ReadOptions): Promise<T | null> {
    if (!options?.shared) {
      const row = this.stmts.get.get(collection, id);
      return row ? (JSON.parse(row.data) as T) : null;
    }
    const key = sharedKey(collection, id);
    const kept = this.sharedDocs.get(key);
    if (kept !== undefined) {
      const row = this.stmts.getRev.get(collection, id);
      if (!row) return null;
      if (row.rev === kept.rev) return this.touch(key, kept) as T;
    }
    const row = this.stmts.getWithRev.get(collection, id);
    return row ? this.keep<T>(key, row.data, row.rev) : null;
  }

  /**
   * Shared readers (ReadOptions) get the parsed documents kept by collection, id and revision:
   * a document written since has a new revision (one counter for the whole file, see the
   * constructor) and is read and parsed again; a kept one costs a look at its revision only.
   */
  private keep<T>(key: string, data: string, rev: number): T {
    const doc = JSON.parse(data) as T;
    if (rev === 0 || data.length > SHARED_DOC_MAX_CHARS) return doc;
    if (FREEZE_SHARED_DOCS) deepFreeze(doc);
    const before = this.sharedDocs.get(key);
    if (before) {
      this.sharedDocs.delete(key);
      this.sharedChars -= before.chars;
    }
    this.sharedDocs.set(key, { rev, doc, chars: data.length });
    this.sharedChars += data.length;
    while (this.sharedChars > SHARED_DOCS_MAX_CHARS) {
      const [oldest, entry] = this.sharedDocs.entries().next().value!;
      this.sharedDocs.delete(oldest);
      this.sharedChars -= entry.chars;
    }
    return doc;
  }

  private touch(key: string, kept: SharedDoc): unknown {
    // Most recently used goes last: the Map's order is the eviction order.
    this.sharedDocs.delete(key);
    this.sharedDocs.set(key, kept);
    return kept.doc;
  }

  /** A prepared statement per SQL text the store builds (getMany, finds and counts), kept while in use. */
  private statement<R>(sql: string): Database.Statement<unknown[], R> {
    let stmt = this.built.get(sql);
    if (stmt === undefined) {
      stmt = this.db.prepare<unknown[], unknown>(sql);
      if (this.built.size >= BUILT_STATEMENTS) this.built.delete(this.built.keys().next().value!);
      this.built.set(sql, stmt);
    }
    return stmt as Database.Statement<unknown[], R>;
  }

  async getMany<T extends Doc = Doc>(collection: string, ids: readonly string[], options?: ReadOptions): Promise<(T | null)[]> {
    if (ids.length === 0) return [];
    if (options?.shared) return this.db.transaction(() => this.sharedMany<T>(collection, ids))();
    const found = new Map<string, T>();
    for (let i = 0; i < ids.length; i += GET_MANY_CHUNK) {
      const chunk = ids.slice(i, i + GET_MANY_CHUNK);
      for (const row of this.manyStatement(MANY_DATA, chunk.length).all(collection, ...chunk) as Array<{ id: string; data: string }>)
        found.set(row.id, JSON.parse(row.data) as T);
    }
    return ids.map((id) => found.get(id) ?? null);
  }

  /** getMany for shared readers, in one read transaction: revisions first, then the text of what is not kept at that revision. */
  private sharedMany<T>(collection: string, ids: readonly string[]): (T | null)[] {
    const found = new Map<string, T>();
    for (let i = 0; i < ids.length; i += GET_MANY_CHUNK) {
      const chunk = ids.slice(i, i + GET_MANY_CHUNK);
      const missing: string[] = [];
      for (const row of this.manyStatement(MANY_REVS, chunk.length).all(collection, ...chunk) as Array<{ id: string; rev: number }>) {
        const key = sharedKey(collection, row.id);
        const kept = this.sharedDocs.get(key);
        if (kept !== undefined && kept.rev === row.rev) found.set(row.id, this.touch(key, kept) as T);
        else missing.push(row.id);
      }
      if (missing.length === 0) continue;
      const rows = this.manyStatement(MANY_DATA_REVS, missing.length).all(collection, ...missing) as Array<{
        id: string;
        data: string;
        rev: number;
      }>;
      for (const row of rows) found.set(row.id, this.keep<T>(sharedKey(collection, row.id), row.data, row.rev));
    }
    return ids.map((id) => found.get(id) ?? null);
  }

  /** `SELECT <columns> … id IN (?, …)` for `n` ids, prepared once per column list and n (preparing was 6 % of a read's CPU). */
  private manyStatement(columns: string, n: number): Database.Statement<unknown[], unknown> {
    return this.statement(`SELECT ${columns} FROM docs WHERE collection = ? AND id IN (${Array.from({ length: n }, () => '?').join(',')})`);
  }

  async find<T extends Doc = Doc>(collection: string, query: FindQuery, options?: ReadOptions): Promise<T[]> {
    const clauses = ['collection = ?'];
    const params: Array<string | number> = [collection];
    for (const [name, value] of Object.entries(query.where ?? {})) {
      clauses.push(`${field(name)} = ?`);
      params.push(bind(value));
    }
    if (query.contains) {
      clauses.push(containsClause(query.contains.field));
      params.push(bind(query.contains.value));
    }
    const sort = field(query.orderBy.field);
    const dir = query.orderBy.direction === 'desc' ? 'DESC' : 'ASC';
    if (query.after) {
      const op = dir === 'DESC' ? '<' : '>';
      clauses.push(`(${sort} ${op} ? OR (${sort} = ? AND id ${op} ?))`);
      params.push(bind(query.after.value), bind(query.after.value), query.after.id);
    }
    const limit = Math.max(0, Math.min(Math.floor(query.limit), 10_000));
    const sql = `SELECT data FROM docs WHERE ${clauses.join(' AND ')} ORDER BY ${sort} ${dir}, id ${dir} LIMIT ${limit}`;
    if (!options?.shared)
      return this.statement<{ data: string }>(sql)
        .all(...params)
        .map((row) => JSON.parse(row.data) as T);
    // Shared readers: the ids in order, then the documents as getMany gives them (kept ones by revision).
    const idsSql = sql.replace(/^SELECT data FROM/, 'SELECT id FROM');
    return this.db.transaction(() => {
      const ids = this.statement<{ id: string }>(idsSql)
        .all(...params)
        .map((row) => row.id);
      return this.sharedMany<T>(collection, ids).filter((doc): doc is T => doc !== null);
    })();
  }

  async count(collection: string, where: Readonly<Record<string, Scalar>> = {}, contains?: FindQuery['contains']): Promise<number> {
    const clauses = ['collection = ?'];
    const params: Array<string | number> = [collection];
    for (const [name, value] of Object.entries(where)) {
      clauses.push(`${field(name)} = ?`);
      params.push(bind(value));
    }
    if (contains) {
      clauses.push(containsClause(contains.field));
      params.push(bind(contains.value));
    }
    const row = this.statement<{ n: number }>(`SELECT count(*) AS n FROM docs WHERE ${clauses.join(' AND ')}`).get(...params);
    return row?.n ?? 0;
  }

  async checkpoint(name: string): Promise<string | null> {
    return this.stmts.checkpoint.get(name)?.position ?? null;
  }

  async commit(name: string, writes: readonly DocWrite[], checkpoint: string, options: CommitOptions = {}): Promise<void> {
    this.db
      .transaction(() => {
        // Read inside the write transaction (BEGIN IMMEDIATE): no other process commits between.
        if (options.expected !== undefined) {
          const actual = this.stmts.checkpoint.get(name)?.position ?? null;
          if (actual !== options.expected) throw new CheckpointConflictError(name, options.expected, actual);
        }
        const rev = this.stmts.nextRev.get()!;
        for (const write of writes) {
          if (write.op === 'put') this.stmts.put.run(write.collection, write.doc.id, JSON.stringify(write.doc), rev);
          else this.stmts.del.run(write.collection, write.id);
        }
        this.stmts.setCheckpoint.run(name, checkpoint);
      })
      .immediate();
  }

  async reset(name: string, collections: readonly string[]): Promise<void> {
    this.db
      .transaction(() => {
        for (const collection of collections) this.stmts.dropCollection.run(collection);
        this.stmts.dropCheckpoint.run(name);
      })
      .immediate();
  }

  async insertIfAbsent(collection: string, doc: Doc): Promise<boolean> {
    const text = JSON.stringify(doc);
    return this.db
      .transaction(() => this.stmts.insertIfAbsent.run(collection, doc.id, text, this.stmts.nextRev.get()!).changes === 1)
      .immediate();
  }

  async lease(name: string, holder: string, ttlMs: number): Promise<Lease> {
    return this.db
      .transaction((): Lease => {
        const now = Date.now();
        const row = this.stmts.lease.get(name);
        if (row && row.holder !== holder && row.expires_at > now)
          return { name, holder: row.holder, epoch: row.epoch, expiresAt: row.expires_at };
        const epoch = !row ? 1 : row.holder === holder && row.expires_at > now ? row.epoch : row.epoch + 1;
        this.stmts.setLease.run(name, holder, epoch, now + ttlMs);
        return { name, holder, epoch, expiresAt: now + ttlMs };
      })
      .immediate();
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.stmts.releaseLease.run(name, holder);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
