import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadModelStore } from '../../src/readmodel/sqlite-read-model-store';
import { readModelConformance } from './read-model.conformance';

readModelConformance('embedded SQLite', async () => new SqliteReadModelStore(join(mkdtempSync(join(tmpdir(), 'rm-')), 'read.db')));

describe('SqliteReadModelStore: shared reads', () => {
  it('parses a stored text once for shared readers, frozen under the tests, and never for unshared ones', async () => {
    const store = new SqliteReadModelStore(join(mkdtempSync(join(tmpdir(), 'rm-shared-')), 'read.db'));
    await store.commit('p', [{ op: 'put', collection: 'c', doc: { id: 'a', nested: { n: 1 } } }], '1');
    const first = await store.get<{ id: string; nested: { n: number } }>('c', 'a', { shared: true });
    const [second] = await store.getMany<{ id: string; nested: { n: number } }>('c', ['a'], { shared: true });
    expect(second).toBe(first);
    expect(Object.isFrozen(first!.nested)).toBe(true);
    expect(() => ((first!.nested as { n: number }).n = 2)).toThrow(TypeError);
    const own = await store.get('c', 'a');
    expect(own).not.toBe(first);
    expect(Object.isFrozen(own)).toBe(false);
    await store.close();
  });
});
