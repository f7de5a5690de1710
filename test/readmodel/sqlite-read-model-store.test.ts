import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadModelStore } from '../../src/readmodel/sqlite-read-model-store';
import { readModelConformance } from './read-model.conformance';

readModelConformance('embedded SQLite', async () => new SqliteReadModelStore(join(mkdtempSync(join(tmpdir(), 'rm-')), 'read.db')));
