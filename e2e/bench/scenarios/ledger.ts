/**
 * `ledger` (issue 8, ADR 0028): the account stream itself, in this process, as account-billing writes and loads it —
 * the SQLite event store, `account-billing.db` with its snapshots, the real codec (contact e-mail sealed with a key
 * ring), the account decider through the kit's CommandHandler, captures through the real SettleFunds handler.
 *
 * - segmentsPerSecond: one account; batches of 1,000 one-segment messages are reserved (one append each, as
 *   ReserveFunds does) and captured as the carrier adapter reports them, `--ledger-capture-batch` results per
 *   `sms.messages-submitted.v1` (one per account per flush of its outcomes; one append each). Runs until
 *   `--ledger-segments` (default 200,000) are captured or 10 s pass; figure = captured segments / wall time.
 * - replayEventsPerSecond / load1MEventsMs: one account stream of `--ledger-events` (default 1,000,000) real encoded
 *   events — opened, funded, then alternating FundsReserved and FundsCaptured of one message each (the most events
 *   for the fewest messages: the costliest kind of tail), decided by the decider and written in bulk (one transaction,
 *   one prepared statement) since only loading is measured. A cold handler (new CommandHandler, new connections)
 *   replays the whole stream: replayEventsPerSecond. Snapshots are taken as the service takes them, and cold handlers
 *   with snapshots load the stream `--ledger-loads` times (default 5) with the snapshot half an interval behind the end
 *   (the average tail: load1MEventsMs, the median) and a whole interval behind (the longest tail: loadMaxTailMs).
 */
import { MESSAGES_SUBMITTED_V1, type MessagesSubmittedV1 } from '@sms/contracts';
import { ephemeralDataProtection } from '@sms/data-protection';
import { SqliteEventStore } from '@sms/event-store';
import type { IntegrationEvent } from '@sms/messaging';
import { type Clock, deterministicId, openSqlite } from '@sms/service-kit';
import { SqliteReadModelDatabase, SqliteSnapshotStore } from '@sms/use-case-kit';
import type { StrictEventCodec } from '@sms/use-case-kit/core';
import { randomUUID } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
// The bench measures account-billing's own write and load path in-process, so it reaches into the service (no other
// e2e code does: the rest drive running processes).
/* eslint-disable @nx/enforce-module-boundaries */
import { protectedAccountBillingCodecs } from '../../../apps/account-billing/src/account-billing.codec';
import { type AccountCommands, accountCommands } from '../../../apps/account-billing/src/ledger/application/command-handlers';
import type { AccountCommand } from '../../../apps/account-billing/src/ledger/domain/account.commands';
import { decide } from '../../../apps/account-billing/src/ledger/domain/account.decider';
import { type AccountEvent, accountStream } from '../../../apps/account-billing/src/ledger/domain/account.events';
import { accountEventWeight, accountSnapshotSerializer, EVENT_WEIGHT } from '../../../apps/account-billing/src/ledger/domain/account.snapshot';
import { type AccountState, evolve, initialState } from '../../../apps/account-billing/src/ledger/domain/account.state';
import { ACCOUNT_SNAPSHOT_EVERY } from '../../../apps/account-billing/src/ledger/infrastructure/account-billing.providers';
import { SettleFundsHandler } from '../../../apps/account-billing/src/ledger/settle-funds/handler';
/* eslint-enable @nx/enforce-module-boundaries */
import { tempDir } from '../../support/processes';
import { type BenchOptions, type Cleanup, type Figures, integerArgument, log, perSecond, type Scenario } from '../common';

const RESERVE_BATCH = 1_000;
const UNIT_PRICE = 450n;
const SEGMENTS_SECONDS = 10;
/** The long stream's events each carry one message: they weigh this toward the snapshot interval. */
const FIXTURE_EVENT_WEIGHT = EVENT_WEIGHT + 1;
/** The most events a cold load folds after its snapshot (one more and a snapshot would have been taken), and half that. */
const MAX_TAIL = Math.floor((ACCOUNT_SNAPSHOT_EVERY - 1) / FIXTURE_EVENT_WEIGHT);
const AVERAGE_TAIL = Math.floor(MAX_TAIL / 2);

const clock: Clock = { now: () => new Date() };

interface Ledger {
  dir: string;
  ring: ReturnType<typeof ephemeralDataProtection>['ring'];
  codec: StrictEventCodec<AccountEvent>;
  /** A cold handler: its own connections to both files, an empty cache; with snapshots as the service takes them, or none. */
  handler(snapshots: boolean, every?: number): { accounts: AccountCommands; close(): Promise<void> };
  snapshots(): { store: SqliteSnapshotStore; close(): void };
}

function ledgerFiles(cleanup: Cleanup, name: string): Ledger {
  const dir = tempDir(`ledger-${name}`);
  cleanup.add(`ledger ${name} files`, () => rmSync(dir, { recursive: true, force: true }));
  const { ring } = ephemeralDataProtection();
  const codec = protectedAccountBillingCodecs(ring).account;
  return {
    dir,
    ring,
    codec,
    handler(snapshots, every = ACCOUNT_SNAPSHOT_EVERY) {
      const events = new SqliteEventStore(join(dir, 'event-store.db'));
      const db = openSqlite(join(dir, 'account-billing.db'));
      const store = new SqliteSnapshotStore(db, { unitOfWork: new SqliteReadModelDatabase(db) });
      const accounts = accountCommands(events, {
        codec,
        ...(snapshots
          ? { snapshots: { store, serializer: accountSnapshotSerializer(ring), every, weightOf: accountEventWeight, onError: (e) => log(`ledger: snapshot: ${String(e)}`) } }
          : {}),
      });
      return {
        accounts,
        close: async () => {
          await accounts.snapshotsWritten();
          await events.close();
          db.close();
        },
      };
    },
    snapshots() {
      const db = openSqlite(join(dir, 'account-billing.db'));
      return { store: new SqliteSnapshotStore(db), close: () => db.close() };
    },
  };
}

const open = (accountId: string): AccountCommand => ({ type: 'OpenAccount', accountId, name: 'Ledger Bench Ltd', contactEmail: 'ledger-bench@example.com', currency: 'CNY', at: clock.now() });
const fund = (amountMinor: bigint): AccountCommand => ({ type: 'DepositFunds', amountMinor, reference: 'bench-funds', at: clock.now() });

/** Captured segments per second on one account: reserve 1,000, capture them as the carrier reports them. */
async function segmentsPerSecond(cleanup: Cleanup, target: number, captureBatch: number): Promise<Figures> {
  const files = ledgerFiles(cleanup, 'segments');
  const { accounts, close } = files.handler(true);
  cleanup.add('ledger segments handler', close);
  const accountId = randomUUID();
  const stream = accountStream(accountId);
  const run = async (command: AccountCommand, key: string) => {
    const result = await accounts.handle(stream, (state) => decide(command, state), { eventId: (index) => deterministicId('ledger-bench', key, String(index)) });
    if (!result.ok) throw new Error(`${command.type} refused: ${result.rejection.code}`);
    return result;
  };
  const deposit = 10n ** 15n;
  await run(open(accountId), 'open');
  await run(fund(deposit), 'fund');
  const settle = new SettleFundsHandler(accounts, clock);

  let captured = 0;
  let batches = 0;
  const started = performance.now();
  const deadline = started + SEGMENTS_SECONDS * 1000;
  while (captured < target && performance.now() < deadline) {
    const batchId = randomUUID();
    const messageIds = Array.from({ length: RESERVE_BATCH }, () => randomUUID());
    const reserved = await run({ type: 'ReserveFunds', batchId, currency: 'CNY', items: messageIds.map((messageId) => ({ messageId, segments: 1, unitPriceMinor: UNIT_PRICE })), at: clock.now() }, batchId);
    if (reserved.events.length !== 1) throw new Error(`a batch of ${RESERVE_BATCH} reserved in ${reserved.events.length} events`);
    for (let from = 0; from < messageIds.length; from += captureBatch) {
      const submittedAt = clock.now().toISOString();
      const event: IntegrationEvent<MessagesSubmittedV1> = {
        id: randomUUID(),
        type: MESSAGES_SUBMITTED_V1,
        source: '/sms/carrier-adapter',
        time: submittedAt,
        key: accountId,
        data: {
          accountId,
          channelId: 'bench',
          results: messageIds.slice(from, from + captureBatch).map((messageId) => ({ messageId, batchId, status: 'SUBMITTED', segmentsSubmitted: 1, segmentsFailed: 0, operatorMessageIds: [], submittedAt })),
        },
      };
      if ((await settle.handle(event)) !== 'settled') throw new Error('a capture settled nothing');
      captured += event.data.results.length;
    }
    batches++;
  }
  const elapsedMs = performance.now() - started;

  const { state, revision } = await accounts.load(stream);
  const appends = Number(revision) + 1 - 2;
  const exact = state.balanceMinor === deposit - BigInt(captured) * UNIT_PRICE && state.reservedMinor === 0n && state.reservations.size === 0;
  if (!exact) throw new Error(`ledger: balance ${state.balanceMinor} / reserved ${state.reservedMinor} after capturing ${captured} segments`);
  return {
    segmentsPerSecond: perSecond(captured, elapsedMs),
    capturedSegments: captured,
    reserveBatch: RESERVE_BATCH,
    captureBatch,
    appends,
    appendsPerReservedBatch: Math.round((appends / batches) * 100) / 100,
    segmentsSeconds: Math.round(elapsedMs) / 1000,
  };
}

/**
 * Decides the long stream's events one after another in memory (as the account would have): opened, funded, then a
 * reservation and a capture of one message, over and over. `next()` hands out the next event and keeps the state.
 */
function longHistory(accountId: string) {
  let state: AccountState = initialState();
  const pending: AccountEvent[] = [];
  const decideNext = (command: AccountCommand) => {
    const decision = decide(command, state);
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.rejection.code}`);
    for (const event of decision.events) {
      state = evolve(state, event);
      pending.push(event);
    }
  };
  decideNext(open(accountId));
  decideNext(fund(10n ** 15n));
  return (): AccountEvent => {
    while (pending.length === 0) {
      // Ids as the platform makes them (UUIDs): the 50,000 batch ids the state remembers are most of a snapshot.
      const at = clock.now();
      const messageId = randomUUID();
      decideNext({ type: 'ReserveFunds', batchId: randomUUID(), currency: 'CNY', items: [{ messageId, segments: 1, unitPriceMinor: UNIT_PRICE }], at });
      decideNext({ type: 'SettleFunds', batchKey: randomUUID(), results: [{ messageId, status: 'SUBMITTED', segmentsSubmitted: 1 }], at });
    }
    return pending.shift() as AccountEvent;
  };
}

/** Appends `count` events of the history in one transaction through one prepared statement (the fixture, not a measurement). */
function writeInBulk(files: Ledger, stream: string, next: () => AccountEvent, fromRevision: number, count: number): void {
  const store = new SqliteEventStore(join(files.dir, 'event-store.db'));
  try {
    const insert = store.db.prepare('INSERT INTO events (stream, revision, id, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const created = Date.now();
    store.db.exec('BEGIN IMMEDIATE');
    try {
      for (let revision = fromRevision; revision < fromRevision + count; revision++) {
        const encoded = files.codec.encode(next());
        insert.run(stream, revision, randomUUID(), encoded.type, JSON.stringify(encoded.data), '{}', created);
      }
      store.db.exec('COMMIT');
    } catch (error) {
      store.db.exec('ROLLBACK');
      throw error;
    }
  } finally {
    void store.close();
  }
}

async function timedLoad(files: Ledger, stream: string, snapshots: boolean): Promise<{ ms: number; state: AccountState; revision: bigint }> {
  const { accounts, close } = files.handler(snapshots);
  try {
    const started = performance.now();
    const { state, revision } = await accounts.load(stream);
    return { ms: performance.now() - started, state, revision };
  } finally {
    await close();
  }
}

/** Cold loads of the stream from the snapshot now stored (each a new handler), in ms, ascending; each must match the replay. */
async function coldLoads(files: Ledger, stream: string, loads: number, replay: { state: AccountState; revision: bigint }): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < loads; i++) {
    const loaded = await timedLoad(files, stream, true);
    if (loaded.revision !== replay.revision || !isDeepStrictEqual(loaded.state, replay.state)) throw new Error('a load from the snapshot differs from the full replay');
    times.push(loaded.ms);
  }
  return times.sort((a, b) => a - b);
}

/** A cold full replay of the long stream, and cold loads of it from a snapshot plus the tail. */
async function longStream(cleanup: Cleanup, total: number, loads: number): Promise<Figures> {
  if (total <= MAX_TAIL + 2) throw new Error(`--ledger-events must exceed ${MAX_TAIL + 2}`);
  const files = ledgerFiles(cleanup, 'long');
  const accountId = randomUUID();
  const stream = accountStream(accountId);
  const next = longHistory(accountId);
  const snapshotAt = async (revision: number) => {
    const { store, close } = files.snapshots();
    const found = await store.get(stream);
    close();
    if (!found || found.revision !== BigInt(revision)) throw new Error(`no snapshot at revision ${revision} (found ${found?.revision})`);
    return found;
  };

  log(`ledger: writing ${total} events`);
  let started = performance.now();
  writeInBulk(files, stream, next, 0, total - MAX_TAIL);
  let fixtureMs = performance.now() - started;
  // The snapshot a running service holds at the longest tail: taken when a handler loaded the stream.
  started = performance.now();
  const first = files.handler(true);
  await first.accounts.load(stream);
  await first.close();
  const snapshotLoadAndWriteMs = performance.now() - started;
  const atMaxTail = await snapshotAt(total - MAX_TAIL - 1);
  // And one half an interval before the end (taken by a handler snapshotting at once).
  started = performance.now();
  writeInBulk(files, stream, next, total - MAX_TAIL, MAX_TAIL - AVERAGE_TAIL);
  fixtureMs += performance.now() - started;
  const second = files.handler(true, 1);
  await second.accounts.load(stream);
  await second.close();
  const atAverageTail = await snapshotAt(total - AVERAGE_TAIL - 1);
  started = performance.now();
  writeInBulk(files, stream, next, total - AVERAGE_TAIL, AVERAGE_TAIL);
  fixtureMs += performance.now() - started;
  const fileBytes = statSync(join(files.dir, 'event-store.db')).size;

  log(`ledger: replaying ${total} events`);
  const replay = await timedLoad(files, stream, false);
  if (replay.revision !== BigInt(total - 1)) throw new Error(`replayed to revision ${replay.revision}`);

  const average = await coldLoads(files, stream, loads, replay);
  await snapshotAt(total - AVERAGE_TAIL - 1); // the loads took no snapshot of their own
  const { store, close } = files.snapshots();
  await store.save(stream, atMaxTail);
  close();
  const longest = await coldLoads(files, stream, loads, replay);
  await snapshotAt(total - MAX_TAIL - 1);

  const median = (times: number[]) => Math.round(times[Math.floor(times.length / 2)] * 10) / 10;
  return {
    replayEventsPerSecond: perSecond(total, replay.ms),
    replayMs: Math.round(replay.ms),
    load1MEventsMs: median(average),
    loadMaxTailMs: median(longest),
    loadMsRange: `${Math.round(Math.min(average[0], longest[0]))}–${Math.round(Math.max(average[average.length - 1], longest[longest.length - 1]))}`,
    events: total,
    tailEvents: AVERAGE_TAIL,
    maxTailEvents: MAX_TAIL,
    snapshotEvery: ACCOUNT_SNAPSHOT_EVERY,
    snapshotBytes: atAverageTail.state.length,
    rememberedBatches: replay.state.reservedBatches.size,
    loadMatchesReplay: true,
    avgEventBytes: Math.round(fileBytes / total),
    fixtureBuildMs: Math.round(fixtureMs),
    snapshotLoadAndWriteMs: Math.round(snapshotLoadAndWriteMs),
  };
}

export const ledger: Scenario = {
  name: 'ledger',
  async run(_options: BenchOptions, cleanup: Cleanup) {
    const argv = process.argv.slice(2);
    const target = integerArgument(argv, 'ledger-segments', 200_000);
    const captureBatch = integerArgument(argv, 'ledger-capture-batch', 100);
    const total = integerArgument(argv, 'ledger-events', 1_000_000);
    const loads = integerArgument(argv, 'ledger-loads', 5);

    log(`ledger: capturing up to ${target} segments on one account`);
    const segments = await segmentsPerSecond(cleanup, target, captureBatch);
    const long = await longStream(cleanup, total, loads);
    return {
      segmentsPerSecond: segments.segmentsPerSecond,
      replayEventsPerSecond: long.replayEventsPerSecond,
      load1MEventsMs: long.load1MEventsMs,
      events: long.events,
      targetsMet: Number(segments.segmentsPerSecond) >= 10_000 && Number(long.load1MEventsMs) < 100 && Number(long.loadMaxTailMs) < 100,
      ...segments,
      ...long,
    };
  },
};
