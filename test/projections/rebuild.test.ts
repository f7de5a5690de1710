/**
 * A rebuild (`Projector.catchUp` after `reset`) commits large batches and keeps the documents
 * it read in memory between them. Its read models must be byte for byte those that projecting
 * the same log as it arrived left, whatever the batch and cache sizes, and after a failed batch.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openTestApp } from '../support/test-app';
import { editInterviewSection, scheduleInterview, systemMeta } from '../../src/application/interview-service';
import type { Role } from '../../src/domain/command';
import type { LedgerEvent } from '../../src/ledger/ledger';
import { ANALYTICS_CUES, ANALYTICS_GROUPS, ANALYTICS_RECORDS } from '../../src/projections/analytics.docs';
import { INTERVIEWS, INTERVIEW_VERSIONS, TASKS } from '../../src/projections/interview.projection';
import { PEOPLE } from '../../src/projections/person.projection';
import type { Projection } from '../../src/projections/projection';
import { CHECKPOINT_NAME, Projector, type ProjectorOptions } from '../../src/projections/projector';
import { SqliteReadModelStore } from '../../src/readmodel/sqlite-read-model-store';
import { PROJECTIONS } from '../../src/server/app';
import { paths, loadConfig } from '../../src/server/config';

const as = (now: Date, personId: string, roles: Role[]) => ({ ...systemMeta(now, personId), roles });

const PROJECTED = new Set(PROJECTIONS.flatMap((p) => p.collections));

/** Every projected document as stored: collection, id and the exact JSON text (not the live changes, not other stores' documents). */
function storedDocs(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[], { collection: string; id: string; data: string }>('SELECT collection, id, data FROM docs ORDER BY collection, id')
      .all()
      .filter((row) => PROJECTED.has(row.collection))
      .map((row) => `${row.collection} ${row.id} ${row.data}`);
  } finally {
    db.close();
  }
}

/** Interviews of three employees edited by turns, with texts that are rewritten, cues that come and go. */
async function projectedAsItArrived() {
  const t = await openTestApp();
  const { app, clock } = t;
  const hr = () => as(clock(), 'HR1', ['hr', 'employee']);
  const ids: string[] = [];
  for (const [i, employeeId] of ['E1', 'E2', 'E3', 'E1'].entries()) {
    const interview = await scheduleInterview(app, hr(), {
      employeeId,
      templateId: 'standard-v1',
      cycle: i === 3 ? '2026-Q2' : '2026-Q1',
      scheduledAt: `2026-04-0${i + 1}T09:00:00+08:00`,
    });
    ids.push(interview.id);
  }
  const employees = ['E1', 'E2', 'E3', 'E1'];
  const remarks = ['这个季度我每天加班到十点，压力很大。', '希望多参加质量培训。', '设备老化，经常停机。', '一切顺利。'];
  const versions = ids.map(() => 1);
  for (let round = 0; round < 3; round++) {
    for (const [i, interviewId] of ids.entries()) {
      clock.advance(1000);
      const section = round === 1 ? 'problems' : 'remarks';
      const content =
        section === 'problems'
          ? { items: [{ problem: '冲压线的机器太旧了，老设备频繁停机', cause: '设备使用超过十年', measures: '申请更换主轴' }] }
          : { text: remarks[(i + round) % remarks.length]! };
      await editInterviewSection(app, as(clock(), employees[i]!, ['employee']), {
        interviewId,
        expectedVersion: versions[i]!,
        section,
        content,
      });
      versions[i]! += 1;
    }
  }
  await app.projector.waitFor((await app.store.readAll()).at(-1)!.position);
  const file = paths(loadConfig({ DATA_DIR: t.dataDir })).readModels;
  return { ...t, file };
}

async function rebuildInto(
  app: Awaited<ReturnType<typeof openTestApp>>['app'],
  file: string,
  options: ProjectorOptions,
  projections: readonly Projection[] = PROJECTIONS,
): Promise<{ projector: Projector; readModels: SqliteReadModelStore }> {
  const readModels = new SqliteReadModelStore(file);
  const projector = new Projector(app.store, readModels, projections, options);
  await projector.reset();
  return { projector, readModels };
}

describe('read-model rebuild', () => {
  it('rebuilds byte for byte the documents that projecting the log as it arrived wrote, with any batch and cache size', async () => {
    const { app, dataDir, file } = await projectedAsItArrived();
    await app.projector.stop();
    const incremental = storedDocs(file);
    const collections = new Set(incremental.map((row) => row.split(' ')[0]));
    for (const c of [INTERVIEWS, INTERVIEW_VERSIONS, TASKS, PEOPLE, ANALYTICS_RECORDS, ANALYTICS_GROUPS, ANALYTICS_CUES])
      expect(collections).toContain(c);
    const events = (await app.store.readAll()).length;

    const settings: ProjectorOptions[] = [
      {}, // the defaults: the whole log in one batch
      { batchSize: 3, catchUpEvents: 7, catchUpCachedDocs: 4 }, // many batches, a cache that keeps evicting
      { batchSize: 1, catchUpEvents: 1, catchUpCachedDocs: 0 }, // one event per batch, nothing kept
      { batchSize: 5, catchUpWrites: 10 }, // commits as the writes pile up
    ];
    for (const [i, options] of settings.entries()) {
      const target = join(dataDir, `rebuilt-${i}.db`);
      const { projector, readModels } = await rebuildInto(app, target, options);
      const progress: number[] = [];
      expect(await projector.catchUp((n) => progress.push(n))).toBe(events);
      expect(progress.at(-1)).toBe(events);
      expect(await readModels.checkpoint(CHECKPOINT_NAME)).toBe(await app.readModels.checkpoint(CHECKPOINT_NAME));
      await readModels.close();
      expect(storedDocs(target)).toEqual(incremental);
    }
    await app.close();
  });

  it('after a failed batch, catches up from the committed checkpoint to the same documents', async () => {
    const { app, dataDir, file } = await projectedAsItArrived();
    await app.projector.stop();
    const incremental = storedDocs(file);
    const all = await app.store.readAll();
    const failAt = all[Math.floor(all.length * 0.7)]!.position;
    let failing = true;
    // Throws on one event, after the other projections changed (cached) documents in this batch.
    const failOnce: Projection = {
      name: 'fail-once',
      collections: [],
      async apply(event: LedgerEvent) {
        if (failing && event.position === failAt) {
          failing = false;
          throw new Error('projection failed');
        }
      },
    };
    const target = join(dataDir, 'rebuilt-after-failure.db');
    const { projector, readModels } = await rebuildInto(app, target, { batchSize: 4, catchUpEvents: 8 }, [...PROJECTIONS, failOnce]);
    await expect(projector.catchUp()).rejects.toThrow('projection failed');
    const committed = await readModels.checkpoint(CHECKPOINT_NAME);
    expect(committed).not.toBeNull();
    expect(Number(committed)).toBeLessThan(Number(failAt));
    await projector.catchUp();
    expect(await readModels.checkpoint(CHECKPOINT_NAME)).toBe(all.at(-1)!.position);
    await readModels.close();
    expect(storedDocs(target)).toEqual(incremental);
    await app.close();
  });
});
