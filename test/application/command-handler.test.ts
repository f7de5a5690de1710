/**
 * The command handler keeps the state of recent streams with the head it was folded to, and
 * reads only what was appended after that head. These tests check that the kept state is
 * always the state of the whole stream: after its own commands, after another handler (another
 * instance on the same log) appended, after a conflict, and when the stream was dropped.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandHandler, fold } from '../../src/application/command-handler';
import { Keyring } from '../../src/crypto/keyring';
import type { CommandMeta, DomainEvent } from '../../src/domain/command';
import type { Decider } from '../../src/domain/decider';
import { VersionConflictError } from '../../src/domain/errors';
import { Ledger } from '../../src/ledger/ledger';
import { SqliteEventStore } from '../../src/store/sqlite-event-store';

type Added = DomainEvent<'Added', { amount: number }>;
type Add = { type: 'Add'; data: { amount: number; expectedCount?: number }; meta: CommandMeta };
interface Tally {
  readonly count: number;
  readonly total: number;
  readonly amounts: readonly number[];
}

const tally: Decider<Add, Added, Tally> = {
  initialState: () => ({ count: 0, total: 0, amounts: [] }),
  eventTypes: new Set(['Added']),
  decide: (command, state) => {
    if (command.data.expectedCount !== undefined && command.data.expectedCount !== state.count)
      throw new VersionConflictError(command.data.expectedCount, state.count);
    return command.data.amount === 0 ? [] : [{ type: 'Added', data: { amount: command.data.amount } }];
  },
  evolve: (state, event) => ({
    count: state.count + 1,
    total: state.total + event.data.amount,
    amounts: [...state.amounts, event.data.amount],
  }),
};

let n = 0;
const add = (amount: number, expectedCount?: number): Add => ({
  type: 'Add',
  data: { amount, ...(expectedCount !== undefined ? { expectedCount } : {}) },
  meta: {
    actor: 'E1',
    roles: ['employee'],
    ip: '127.0.0.1',
    now: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
    commandId: `cmd-${++n}`,
  } as CommandMeta,
});

describe('CommandHandler: kept stream states', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'handler-')), 'events.db');
  const keyring = Keyring.fromSeed(new Uint8Array(32).fill(3), '2026-01-01T00:00:00Z');
  const storeA = new SqliteEventStore(file);
  const storeB = new SqliteEventStore(file);
  const ledgerA = new Ledger(storeA, keyring);
  const ledgerB = new Ledger(storeB, keyring);
  afterAll(async () => {
    await storeA.close();
    await storeB.close();
  });

  const whole = async (stream: string) => fold(tally, await ledgerA.readStream(stream));

  it('reads only the events after the head it kept, and its state is the whole stream’s', async () => {
    const handler = new CommandHandler(ledgerA);
    const reads: Array<number | undefined> = [];
    const readStream = ledgerA.readStream.bind(ledgerA);
    jest.spyOn(ledgerA, 'readStream').mockImplementation((stream, options) => {
      reads.push(options?.fromRevision);
      return readStream(stream, options);
    });
    for (let i = 1; i <= 5; i++) await handler.handle('tally-1', tally, add(i));
    jest.restoreAllMocks();
    // The first command read the (empty) stream from its start; the others only after the kept head.
    expect(reads).toEqual([undefined, 1, 2, 3, 4]);
    const result = await handler.handle('tally-1', tally, add(10));
    expect(result.state).toEqual(await whole('tally-1'));
    expect(result.state).toEqual({ count: 6, total: 25, amounts: [1, 2, 3, 4, 5, 10] });
    expect(result.revision).toBe(5);
  });

  it('sees what another instance appended since, and decides on it', async () => {
    const a = new CommandHandler(ledgerA);
    const b = new CommandHandler(ledgerB);
    await a.handle('tally-2', tally, add(1));
    await b.handle('tally-2', tally, add(2));
    await b.handle('tally-2', tally, add(3));
    // A's kept state says one event; the stream has three: A must decide on three.
    await expect(a.handle('tally-2', tally, add(4, 1))).rejects.toBeInstanceOf(VersionConflictError);
    const result = await a.handle('tally-2', tally, add(4, 3));
    expect(result.state).toEqual(await whole('tally-2'));
    expect(result.state.amounts).toEqual([1, 2, 3, 4]);
  });

  it('starts over from its kept head when another writer appends between its read and its append', async () => {
    const a = new CommandHandler(ledgerA);
    const b = new CommandHandler(ledgerB);
    await a.handle('tally-3', tally, add(1));
    // B appends while A's append waits: A's first attempt fails on the revision and retries.
    const append = ledgerA.append.bind(ledgerA);
    let raced = false;
    jest.spyOn(ledgerA, 'append').mockImplementation(async (stream, head, drafts) => {
      if (!raced) {
        raced = true;
        await b.handle('tally-3', tally, add(100));
      }
      return append(stream, head, drafts);
    });
    const result = await a.handle('tally-3', tally, add(2));
    jest.restoreAllMocks();
    expect(raced).toBe(true);
    expect(result.state).toEqual({ count: 3, total: 103, amounts: [1, 100, 2] });
    expect(result.state).toEqual(await whole('tally-3'));
  });

  it('keeps at most the streams it is told to, and folds a dropped one from its start again', async () => {
    const handler = new CommandHandler(ledgerA, 5, 2);
    await handler.handle('tally-4', tally, add(1));
    await handler.handle('tally-5', tally, add(1));
    await handler.handle('tally-6', tally, add(1)); // drops tally-4
    const reads: Array<number | undefined> = [];
    const readStream = ledgerA.readStream.bind(ledgerA);
    jest.spyOn(ledgerA, 'readStream').mockImplementation((stream, options) => {
      reads.push(options?.fromRevision);
      return readStream(stream, options);
    });
    const result = await handler.handle('tally-4', tally, add(2));
    await handler.handle('tally-6', tally, add(2));
    jest.restoreAllMocks();
    expect(reads).toEqual([undefined, 1]);
    expect(result.state).toEqual(await whole('tally-4'));
  });

  it('gives a command that decides nothing the kept state and head', async () => {
    const handler = new CommandHandler(ledgerA);
    await handler.handle('tally-7', tally, add(5));
    const result = await handler.handle('tally-7', tally, add(0));
    expect(result).toMatchObject({ events: [], position: null, revision: 0, state: { count: 1, total: 5 } });
  });

  it('freezes kept states under the tests, so code that changes one in place fails', async () => {
    const handler = new CommandHandler(ledgerA);
    const result = await handler.handle('tally-8', tally, add(5));
    expect(Object.isFrozen(result.state)).toBe(true);
    expect(() => (result.state.amounts as number[]).push(1)).toThrow(TypeError);
  });
});
