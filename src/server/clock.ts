import type { Clock } from '../application/services';

export type { Clock };
/** The time of the machine: the one real clock. */
export const systemClock: Clock = () => new Date();
