import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/store/sqlite-event-store';
import { eventStoreConformance } from './event-store.conformance';

eventStoreConformance('embedded SQLite', async () => new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'es-')), 'events.db')));
