/**
 * What the service tells its operators: log lines and a few counters. Ports, so that use cases
 * and the stores report without knowing where it goes; the server (src/server/logger.ts,
 * src/server/metrics.ts) writes the lines with pino and exports the counters with prom-client.
 */

/**
 * Structured log lines: a plain object of fields first, the message second (pino's order).
 * Fields are ids, counts, codes and errors, never a token, a section's text or other personal
 * content: the server also redacts the field names that could carry them.
 */
export interface Log {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  /** A log whose every line carries `bindings` too (a component, a request id). */
  child(bindings: Record<string, unknown>): Log;
}

/** Counters the use cases feed; each call is a label lookup and an add, cheap enough for every request. */
export interface Meters {
  /** Attachment bytes recorded (an upload committed) or served (a download). */
  attachmentBytes(direction: 'stored' | 'served', bytes: number): void;
  /** One reminder sweep: how it ended, how long it took, how many reminders it recorded. */
  reminderSweep(outcome: 'ok' | 'failed', seconds: number, recorded: number): void;
}

/** Drops every line: for one-shot scripts and tests that do not read the log. */
export const silentLog: Log = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLog,
};

/** Counts nothing: for one-shot scripts, which export no metrics. */
export const noMeters: Meters = {
  attachmentBytes: () => undefined,
  reminderSweep: () => undefined,
};
