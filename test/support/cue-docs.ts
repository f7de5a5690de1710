/**
 * Cue documents written straight into the analytics read model, as the analytics projection
 * (src/projections/analytics.projection.ts) will write them, for the alert tests.
 */
import { ANALYTICS_CUES, cueDocId, type CueDoc, type CuePassage } from '../../src/projections/analytics.docs';
import type { App } from '../../src/application/services';

export const cuePassage = (kind: CuePassage['kind'], interviewId: string, path: string, version = 3): CuePassage => ({
  kind,
  interviewId,
  version,
  path,
  text: kind === 'stress' ? `我最近压力很大（${path}）` : `我这个月经常加班到凌晨（${path}）`,
  eventHash: `${interviewId}${path}`.padEnd(64, '0').slice(0, 64),
  terms: [kind === 'stress' ? '压力很大' : '加班'],
});

export const cueDoc = (
  employeeId: string,
  cycle: string,
  cues: CuePassage[],
  { managerId = 'M1', department = '生产部' }: { managerId?: string; department?: string } = {},
): CueDoc => ({
  id: cueDocId(employeeId, cycle),
  employeeId,
  managerId,
  department,
  cycle,
  cues,
  stress: cues.filter((c) => c.kind === 'stress').length,
  overtime: cues.filter((c) => c.kind === 'overtime').length,
  updatedAt: '2026-07-01T01:00:00.000Z',
});

let serial = 0;
/** Writes the documents in one commit under a checkpoint of their own (not the projector's). */
export async function writeCueDocs(app: Pick<App, 'readModels'>, ...docs: CueDoc[]): Promise<void> {
  await app.readModels.commit(
    'test-analytics-cues',
    docs.map((doc) => ({ op: 'put' as const, collection: ANALYTICS_CUES, doc })),
    String(++serial),
  );
}
