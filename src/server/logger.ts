/**
 * The server's log: pino, one JSON object a line on stdout (LOG_FORMAT=json), or the same lines
 * rendered for a person at a terminal (LOG_FORMAT=pretty): time, level, message, then the fields.
 * Both go through the same serialisation, so the redaction below holds for either.
 *
 * What a line may hold: ids (the request's, the actor's, a record's), counts, codes, durations
 * and errors. Never a bearer token, GraphQL variables or a document, a section's text, or other
 * personal content: nothing here logs them, and the field names that could carry them are
 * censored all the same, should one ever be passed by mistake.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogSettings } from './config';

/**
 * Top-level fields that could carry a secret or personal content. Top level only: a wildcard
 * path (`*.token`) doubles the cost of every line (about 5 µs more here), and the server's
 * lines are flat.
 */
export const REDACTED_FIELDS = ['authorization', 'token', 'variables', 'query', 'content', 'text', 'connectionParams', 'headers', 'body'];

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** An error as a line shows it: its kind, code, message and stack, and none of its other properties (which may hold data). */
function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, ...(typeof code === 'string' ? { code } : {}), message: error.message, stack: error.stack };
}

/**
 * The log for `settings`, written to `destination` (default: stdout). Tests pass a stream
 * that collects the lines.
 */
export function createLogger(settings: LogSettings, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: settings.level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
    serializers: { err: serializeError },
  };
  if (settings.format === 'pretty') return pino(options, prettyStream(destination ?? process.stdout));
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}

/** Renders pino's JSON lines for a terminal: `12:00:01.234 INFO  message key=value …`. */
export function prettyStream(out: { write(text: string): unknown }): DestinationStream {
  return {
    write(line: string) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      const { time, level, msg, pid: _pid, hostname: _hostname, err, ...fields } = entry;
      const clock = typeof time === 'string' ? time.slice(11, 23) : '';
      const name = (LEVEL_NAMES[level as number] ?? String(level)).padEnd(5);
      const rest = Object.entries(fields).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
      const stack = err && typeof err === 'object' ? `\n  ${String((err as { stack?: unknown }).stack ?? JSON.stringify(err))}` : '';
      out.write(`${clock} ${name} ${typeof msg === 'string' ? msg : ''}${rest.length ? `  ${rest.join(' ')}` : ''}${stack}\n`);
    },
  };
}
