/**
 * The job categories and levels that pick templates and flows. Apart from ./person.ts (which
 * re-exports them) so that templates, and the evidence verifier that replays interviews in a
 * browser, need not import the person decider and the key checks it makes with node:crypto.
 */
export const JOB_CATEGORIES = ['production', 'rnd', 'service', 'sales', 'functional'] as const;
export const LEVELS = ['staff', 'team_lead', 'manager', 'executive'] as const;
export const isJobCategory = (value: unknown): value is JobCategory => (JOB_CATEGORIES as readonly unknown[]).includes(value);
export const isLevel = (value: unknown): value is Level => (LEVELS as readonly unknown[]).includes(value);
export type JobCategory = (typeof JOB_CATEGORIES)[number];
export type Level = (typeof LEVELS)[number];
