/** The injected clock: the only place the service reads the time. Tests pass a fixed one. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
