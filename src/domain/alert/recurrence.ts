/**
 * The recurrence rule of stress and overtime alerts: when the cues in one employee's own words
 * come back often enough for HR to be told. Pure: it reads the employee's cue documents (one per
 * cycle, src/projections/analytics.docs.ts) and says which alerts are due; the alert stream's
 * decider (alerts.ts) records each once.
 *
 * Per kind (stress, overtime), walking the employee's cycles in order (cycle ids sort as strings:
 * 2025-H2 < 2026 < 2026-H1 < 2026-Q3):
 * - perCycle: a cycle with at least `perCycle` distinct passages of the kind (distinct by interview
 *   id and content path, so two interviews in one cycle count apart) raises an alert in that cycle;
 * - consecutiveCycles: `consecutiveCycles` adjacent cycles, each with at least one passage of the
 *   kind, raise an alert in the last of them, citing the passages of all of them. A run that goes
 *   on raises one more alert in each further cycle (the stress is still there, in a new cycle: HR
 *   hears of it again); a cycle without a passage ends the run. "Adjacent" means adjacent among the cycles in which the employee has a
 *   record (their interviews, or their cue documents): cycles of different lengths (2026-H1,
 *   2026-Q3) cannot be counted on a calendar, and a cycle in which the person had no interview
 *   says nothing either way.
 * A cycle that meets both rules gets one alert, rule perCycle. The alert id is
 * `<kind>-<employeeId>-<cycle>`: the same facts give the same id on every instance and restart.
 */

export type AlertKind = 'stress' | 'overtime';
export const ALERT_KINDS: readonly AlertKind[] = ['stress', 'overtime'];
export type AlertRule = 'perCycle' | 'consecutiveCycles';

/** A passage of the employee's own text that reports stress or overtime (a CuePassage of the analytics read model). */
export interface AlertPassage {
  readonly kind: AlertKind;
  readonly interviewId: string;
  readonly version: number;
  /** Content path, e.g. `problems.items[P2].problem`. */
  readonly path: string;
  readonly text: string;
  /** SHA-256 of the body of the event that wrote the text. */
  readonly eventHash: string;
  readonly terms: readonly string[];
}

/** What the rule reads of a cue document: whose, which cycle, the current cues. */
export interface CueRecord {
  readonly employeeId: string;
  readonly cycle: string;
  readonly cues: readonly AlertPassage[];
}

export interface AlertThresholds {
  /** Distinct passages of one kind in one cycle (1..50). */
  readonly perCycle: number;
  /** Adjacent cycles with at least one passage of one kind (1..8). */
  readonly consecutiveCycles: number;
}

export interface DueAlert {
  readonly alertId: string;
  readonly kind: AlertKind;
  readonly employeeId: string;
  readonly cycle: string;
  readonly rule: AlertRule;
  readonly passages: AlertPassage[];
}

/** An alert cites at most this many passages (the newest cycles' first): enough to prove it, small enough to sign. */
export const MAX_CITED_PASSAGES = 50;

export const alertIdOf = (kind: AlertKind, employeeId: string, cycle: string): string => `${kind}-${employeeId}-${cycle}`;

/** One passage per interview and content path (the highest version when a path is given twice). */
function distinctPassages(passages: readonly AlertPassage[]): AlertPassage[] {
  const byKey = new Map<string, AlertPassage>();
  for (const p of passages) {
    const key = `${p.interviewId}\u0000${p.path}`;
    const seen = byKey.get(key);
    if (!seen || p.version > seen.version) byKey.set(key, p);
  }
  return [...byKey.values()].sort((a, b) => a.interviewId.localeCompare(b.interviewId) || a.path.localeCompare(b.path));
}

const copy = (p: AlertPassage): AlertPassage => ({
  kind: p.kind,
  interviewId: p.interviewId,
  version: p.version,
  path: p.path,
  text: p.text,
  eventHash: p.eventHash,
  terms: [...p.terms],
});

/**
 * The alerts due for one employee, oldest cycle first. `docs` are the employee's cue documents
 * (documents of other employees are ignored); `cycles` are the cycles in which the employee has a
 * record (the docs' cycles are always added), which decide what "adjacent" means.
 */
export function alertsDue(docs: readonly CueRecord[], thresholds: AlertThresholds, cycles: readonly string[] = []): DueAlert[] {
  const employeeId = docs[0]?.employeeId;
  if (employeeId === undefined) return [];
  const mine = docs.filter((d) => d.employeeId === employeeId);
  const allCycles = [...new Set([...cycles, ...mine.map((d) => d.cycle)])].sort();
  const due: DueAlert[] = [];
  for (const kind of ALERT_KINDS) {
    const perCycle = new Map<string, AlertPassage[]>(
      allCycles.map((cycle) => [
        cycle,
        distinctPassages(mine.filter((d) => d.cycle === cycle).flatMap((d) => d.cues.filter((c) => c.kind === kind))),
      ]),
    );
    let run: string[] = [];
    for (const cycle of allCycles) {
      const passages = perCycle.get(cycle)!;
      run = passages.length > 0 ? [...run, cycle] : [];
      let rule: AlertRule | null = null;
      let cited: AlertPassage[] = [];
      if (passages.length >= thresholds.perCycle) {
        rule = 'perCycle';
        cited = passages;
      } else if (run.length >= thresholds.consecutiveCycles) {
        rule = 'consecutiveCycles';
        cited = run.slice(-thresholds.consecutiveCycles).flatMap((c) => perCycle.get(c)!);
      }
      if (rule) {
        due.push({
          alertId: alertIdOf(kind, employeeId, cycle),
          kind,
          employeeId,
          cycle,
          rule,
          passages: cited.slice(-MAX_CITED_PASSAGES).map(copy),
        });
      }
    }
  }
  return due.sort((a, b) => a.cycle.localeCompare(b.cycle) || a.kind.localeCompare(b.kind));
}
