/**
 * Problems that come back cycle after cycle (the article's example: the same employees
 * reporting ageing equipment for three years). A problem statement is an item's `problem`
 * (or `title`/`text`) field, normalised (spaces and punctuation removed); two statements are
 * the same problem when one contains the other. Keyword-level analytics are a separate issue.
 */
export interface RecurringProblem {
  readonly problem: string;
  readonly cycles: readonly string[];
  readonly interviewIds: readonly string[];
}

const normalise = (text: string): string => text.replace(/[\s\p{P}]/gu, '').toLowerCase();

/** Problem statements of one `problems` section. */
export function problemStatements(section: unknown): string[] {
  if (!section || typeof section !== 'object') return [];
  const items = (section as { items?: unknown }).items;
  if (!Array.isArray(items)) return [];
  return items
    .map((item) => {
      if (typeof item === 'string') return item;
      if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        for (const key of ['problem', 'title', 'text']) if (typeof o[key] === 'string') return o[key] as string;
      }
      return '';
    })
    .filter((s) => normalise(s).length >= 2);
}

export function recurringProblems(entries: ReadonlyArray<{ interviewId: string; cycle: string; problems: unknown }>): RecurringProblem[] {
  const groups: Array<{ key: string; problem: string; cycles: Set<string>; ids: Set<string> }> = [];
  for (const entry of entries) {
    for (const statement of problemStatements(entry.problems)) {
      const key = normalise(statement);
      const group = groups.find((g) => g.key.includes(key) || key.includes(g.key));
      if (group) {
        group.cycles.add(entry.cycle);
        group.ids.add(entry.interviewId);
        if (key.length < group.key.length) Object.assign(group, { key, problem: statement });
      } else {
        groups.push({ key, problem: statement, cycles: new Set([entry.cycle]), ids: new Set([entry.interviewId]) });
      }
    }
  }
  return groups
    .filter((g) => g.cycles.size >= 2)
    .sort((a, b) => b.cycles.size - a.cycles.size || (a.problem < b.problem ? -1 : 1))
    .map((g) => ({ problem: g.problem, cycles: [...g.cycles].sort(), interviewIds: [...g.ids] }));
}
