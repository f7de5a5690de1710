/**
 * The 1,000,000-event log of the start-up benchmark (startup.bench.ts): event bodies written
 * directly as the canonical JSON (RFC 8785) the ledger produces — keys in JCS order, strings
 * through JSON.stringify, which JCS adopts — and chained by `prev` per stream as sealing does.
 * A sample is checked against canonicalJson. As a worker thread (workerData: LogWorkerData)
 * it sends batches of `batchSize` events, one per 'more' message, then null.
 */
import { randomUUID } from 'node:crypto';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { canonicalJson } from '../../src/crypto/canonical-json';
import { sha256Hex } from '../../src/crypto/sha256';
import { META_IPS, SECTIONS } from './bench-data';

export const PEOPLE = 2_000;
/** Interviews open at the same time while the log is written: their events interleave in commit order. */
export const OPEN_INTERVIEWS = 256;

export interface LogWorkerData {
  readonly total: number;
  readonly batchSize: number;
}

/** A batch of events, packed for transfer: body i is bodies[offsets[i]..offsets[i+1]). */
export interface LogBatch {
  readonly streams: string[];
  readonly types: string[];
  readonly revisions: Int32Array;
  readonly offsets: Uint32Array;
  readonly bodies: ArrayBuffer;
}

const q = JSON.stringify; // JCS serialises strings exactly as ECMAScript JSON.stringify does
const USER_AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
/** Canonical JSON of each section content, once. */
const SECTION_JSON = SECTIONS.map(([section, content]) => [q(section), canonicalJson(content).toString('utf8')] as const);
const NAMES = ['王建国', '李娜', '张伟', '刘洋', '陈磊', '杨帆', '黄静', '吴强'];
const T0 = Date.UTC(2024, 0, 2, 1);

/** Canonical meta: keys in JCS order (actor, at, commandId, ip, roles, userAgent). */
function metaJson(k: number, actor: string, manager: boolean): string {
  const at = new Date(T0 + k * 20_000).toISOString();
  const roles = manager ? '["employee","manager"]' : '["employee"]';
  return `{"actor":${q(actor)},"at":"${at}","commandId":"${randomUUID()}","ip":"${META_IPS[k % META_IPS.length]}","roles":${roles},"userAgent":${q(USER_AGENT)}}`;
}

/** A canonical event body: keys in JCS order (data, id, meta, prev, revision, stream, type, v). */
function bodyJson(stream: string, revision: number, prev: string | null, type: string, data: string, meta: string): string {
  return `{"data":${data},"id":"${randomUUID()}","meta":${meta},"prev":${prev === null ? 'null' : `"${prev}"`},"revision":${revision},"stream":${q(stream)},"type":"${type}","v":1}`;
}

interface LogEvent {
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly body: Buffer;
}

/** The events of the log in commit order; `prev` chains each stream as sealing does. */
export function* logEvents(total: number): Generator<LogEvent> {
  let k = 0;
  const emit = (
    stream: string,
    revision: number,
    prev: string | null,
    type: string,
    data: string,
    actor: string,
    manager: boolean,
  ): LogEvent => {
    const body = Buffer.from(bodyJson(stream, revision, prev, type, data, metaJson(k, actor, manager)), 'utf8');
    k += 1;
    return { stream, revision, type, body };
  };
  for (let p = 0; p < PEOPLE && k < total; p++) {
    const id = `E${100000 + p}`;
    const data = `{"category":"production","department":"生产部","level":"staff","managerId":"M${1000 + (p % 100)}","name":${q(NAMES[p % NAMES.length]! + String(p))},"personId":"${id}","position":"冲压操作工","roles":["employee"]}`;
    yield emit(`person-${id}`, 0, null, 'PersonRegistered', data, 'HR001', false);
  }
  for (let first = 0; k < total; first += OPEN_INTERVIEWS) {
    const heads: Array<string | null> = new Array<string | null>(OPEN_INTERVIEWS).fill(null);
    for (let round = 0; round < 14 && k < total; round++) {
      for (let w = 0; w < OPEN_INTERVIEWS && k < total; w++) {
        const i = first + w;
        if (round >= 6 + (i % 9)) continue; // 6..14 events per interview
        const id = `IV-START-${String(i).padStart(6, '0')}`; // fixed width: ids sort in commit order (see the notes)
        const stream = `interview-${id}`;
        const employee = `E${100000 + (i % PEOPLE)}`;
        const manager = `M${1000 + (i % 100)}`;
        let event: LogEvent;
        if (round === 0) {
          const at = new Date(T0 + (i % 5000) * 3_600_000).toISOString();
          const data = `{"cycle":"${2024 + Math.floor(i / 40_000)}-Q${1 + (Math.floor(i / 10_000) % 4)}","department":"生产部","employeeId":"${employee}","interviewId":"${id}","location":"生产部会议室 A","managerId":"${manager}","participantIds":${i % 4 === 0 ? '["HR002"]' : '[]'},"position":"冲压操作工","scheduledAt":"${at}","templateId":"standard-v1","version":1}`;
          event = emit(stream, 0, null, 'InterviewScheduled', data, manager, true);
        } else {
          const [section, content] = SECTION_JSON[(round - 1 + i) % SECTION_JSON.length]!;
          const data = `{"content":${content},"interviewId":"${id}","section":${section},"version":${round + 1}}`;
          const byManager = round % 3 === 0;
          event = emit(stream, round, heads[w]!, 'InterviewSectionEdited', data, byManager ? manager : employee, byManager);
        }
        heads[w] = sha256Hex(event.body);
        yield event;
      }
    }
  }
}

/** Packs the next `size` events of `events` (fewer at the end). */
function pack(events: Iterator<LogEvent>, size: number, checked: { n: number }): LogBatch | null {
  const list: LogEvent[] = [];
  for (let next = events.next(); !next.done;) {
    const event = next.value;
    // The hand-written bodies must be exactly what the ledger's canonicalJson produces.
    if (checked.n < 2_000 || checked.n % 9_973 === 0) {
      if (!canonicalJson(JSON.parse(event.body.toString('utf8'))).equals(event.body)) {
        throw new Error(`benchmark log: body of ${event.stream}@${event.revision} is not canonical JSON`);
      }
    }
    checked.n += 1;
    list.push(event);
    if (list.length >= size) break;
    next = events.next();
  }
  if (list.length === 0) return null;
  const offsets = new Uint32Array(list.length + 1);
  list.forEach((e, i) => (offsets[i + 1] = offsets[i]! + e.body.length));
  const bodies = new ArrayBuffer(offsets[list.length]!);
  const view = new Uint8Array(bodies);
  list.forEach((e, i) => view.set(e.body, offsets[i]));
  return {
    streams: list.map((e) => e.stream),
    types: list.map((e) => e.type),
    revisions: Int32Array.from(list, (e) => e.revision),
    offsets,
    bodies,
  };
}

if (!isMainThread && parentPort) {
  const { total, batchSize } = workerData as LogWorkerData;
  const events = logEvents(total);
  const checked = { n: 0 };
  const port = parentPort;
  port.on('message', () => {
    const batch = pack(events, batchSize, checked);
    if (batch === null) {
      port.postMessage(null);
      port.close();
      return;
    }
    port.postMessage(batch, [batch.bodies]);
  });
}
