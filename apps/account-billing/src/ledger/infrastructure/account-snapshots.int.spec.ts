import { Logger } from '@nestjs/common';
import { MESSAGES_SUBMITTED_V1, type MessagesSubmittedV1 } from '@sms/contracts';
import { ephemeralDataProtection } from '@sms/data-protection';
import { type EventStore, SqliteEventStore } from '@sms/event-store';
import type { IntegrationEvent } from '@sms/messaging';
import { type Clock, deterministicId, openSqlite } from '@sms/service-kit';
import { callJson, startServiceUnderTest } from '@sms/testing';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import { SqliteReadModelDatabase, SqliteSnapshotStore } from '@sms/use-case-kit';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { protectedAccountBillingCodecs } from '../../account-billing.codec';
import { AccountBillingModule } from '../../account-billing.module';
import { type AccountCommands, accountCommands } from '../application/command-handlers';
import type { AccountCommand } from '../domain/account.commands';
import { decide } from '../domain/account.decider';
import { accountStream } from '../domain/account.events';
import { accountSnapshotSerializer } from '../domain/account.snapshot';
import { initialState } from '../domain/account.state';
import { SettleFundsHandler } from '../settle-funds/handler';

/**
 * Snapshots of account states as account-billing runs them (ADR 0028): the real SQLite event store and
 * `account-billing.db`, the real codec and key ring, captures through the real SettleFunds handler.
 */

const clock: Clock = { now: () => new Date('2026-03-01T08:00:00.000Z') };
const at = clock.now();
const ACCOUNT = 'acc-snap';
const EMAIL = 'snapshot-owner@example.com';
const STREAM = accountStream(ACCOUNT);

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
beforeAll(() => Logger.overrideLogger(false));

function setup(every = 20) {
  const dir = mkdtempSync(join(tmpdir(), 'account-snapshots-'));
  dirs.push(dir);
  const events = new SqliteEventStore(join(dir, 'event-store.db'), { pollIntervalMs: 50 });
  const db = openSqlite(join(dir, 'account-billing.db'));
  const snapshots = new SqliteSnapshotStore(db, { unitOfWork: new SqliteReadModelDatabase(db) });
  const protection = ephemeralDataProtection();
  const codecs = protectedAccountBillingCodecs(protection.ring);
  const warnings: string[] = [];
  const commands = (store: EventStore = events, withSnapshots = true): AccountCommands =>
    accountCommands(store, {
      codec: codecs.account,
      ...(withSnapshots ? { snapshots: { store: snapshots, serializer: accountSnapshotSerializer(protection.ring), every, onError: (e) => warnings.push(String(e)) } } : {}),
    });
  return { dir, events, db, snapshots, ring: protection.ring, commands, warnings };
}

const command = (accounts: AccountCommands, c: AccountCommand, key: string) =>
  accounts.handle(STREAM, (state) => decide(c, state), { eventId: (n) => deterministicId('spec', key, String(n)) });

/**
 * Opens and funds the account, then `batches` × (reserve 10 messages, capture them through SettleFunds): 2 + 2 × batches
 * events. `redelivery`: the same batches again, which must change nothing.
 */
async function traffic(accounts: AccountCommands, batches: number, from = 0, redelivery = false): Promise<void> {
  if (from === 0) {
    await command(accounts, { type: 'OpenAccount', accountId: ACCOUNT, name: 'Snapshot Ltd', contactEmail: EMAIL, currency: 'CNY', at }, 'open');
    await command(accounts, { type: 'DepositFunds', amountMinor: 10_000_000n, reference: 'd1', at }, 'deposit');
  }
  const settle = new SettleFundsHandler(accounts, clock);
  for (let b = from; b < from + batches; b++) {
    const ids = Array.from({ length: 10 }, (_, i) => `m-${b}-${i}`);
    const reserved = await command(accounts, { type: 'ReserveFunds', batchId: `b-${b}`, currency: 'CNY', items: ids.map((messageId) => ({ messageId, segments: 2, unitPriceMinor: 450n })), at }, `reserve-${b}`);
    expect(reserved.ok && reserved.events.length).toBe(redelivery ? 0 : 1);
    const submitted: IntegrationEvent<MessagesSubmittedV1> = {
      id: `submitted-${b}`,
      type: MESSAGES_SUBMITTED_V1,
      source: '/sms/carrier-adapter',
      time: at.toISOString(),
      key: ACCOUNT,
      data: {
        accountId: ACCOUNT,
        channelId: 'smpp-default',
        results: ids.map((messageId, i) => ({ messageId, batchId: `b-${b}`, status: 'SUBMITTED', segmentsSubmitted: i % 2 === 0 ? 2 : 1, segmentsFailed: 0, operatorMessageIds: [], submittedAt: at.toISOString() })),
      },
    };
    expect(await settle.handle(submitted)).toBe(redelivery ? 'nothing-to-do' : 'settled');
  }
}

/** The store as it is, counting the events each read returns. */
function counting(store: EventStore) {
  let read = 0;
  const wrapped = Object.create(store) as EventStore;
  wrapped.readStream = async (stream, options) => {
    const events = await store.readStream(stream, options);
    read += events.length;
    return events;
  };
  return { store: wrapped, read: () => read };
}

/** Every byte of the file and its WAL, as text: what someone with the disk sees. */
const onDisk = (path: string) => [path, `${path}-wal`].filter(existsSync).map((p) => readFileSync(p).toString('latin1')).join('');

describe('account snapshots (SQLite, real codec and key ring)', () => {
  it('snapshots a busy account every N events; a cold start reads the snapshot and the tail only, and decides the same', async () => {
    const { events, snapshots, commands, warnings } = setup(20);
    const warm = commands();
    await traffic(warm, 9); // 20 events: a snapshot is due
    await warm.snapshotsWritten();
    await traffic(warm, 6, 9); // 32 events: the next one is 20 events away
    await warm.snapshotsWritten();
    const snapshot = await snapshots.get(STREAM);
    expect(snapshot?.revision).toBe(19n);
    expect(snapshot?.eventId).toBe((await events.readStream(STREAM, { fromRevision: 19n, maxCount: 1 }))[0].id);

    const reading = counting(events);
    const cold = commands(reading.store);
    const loaded = await cold.load(STREAM);
    expect(reading.read()).toBe(13); // revision 19 (the snapshot's anchor) and the 12 after it, of 32
    const replayed = await commands(events, false).load(STREAM);
    expect(loaded).toEqual(replayed);
    expect(loaded.state.contactEmail).toBe(EMAIL);
    expect(loaded.state.balanceMinor).toBe(10_000_000n - 15n * (5n * 900n + 5n * 450n));
    expect(loaded.state.reservations.size).toBe(0);

    // A redelivered capture of a batch settled before the snapshot is still a no-op for the cold handler.
    await traffic(cold, 1, 3, true);
    expect((await cold.load(STREAM)).revision).toBe(31n);
    expect(warnings).toEqual([]);
  });

  it('keeps the contact e-mail sealed on disk, and reads it as destroyed from an older snapshot once the account is erased', async () => {
    const { dir, events, db, snapshots, ring, commands } = setup(10);
    const warm = commands();
    await traffic(warm, 5);
    await warm.snapshotsWritten();
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const file = onDisk(join(dir, 'account-billing.db'));
    expect(file).toContain(ACCOUNT); // the snapshot is there, its stream named in clear
    expect(file).toContain('"sealed":"pd1.');
    expect(file).not.toContain(EMAIL);
    const before = await snapshots.get(STREAM);

    // Erasure on request (ADR 0017): suspend, erase, and the process destroys the account's keys.
    await command(warm, { type: 'SuspendAccount', kind: 'BREACH', reason: 'asked', by: 'op', at }, 'suspend');
    await command(warm, { type: 'EraseAccountData', reason: 'customer request', by: 'op', at }, 'erase');
    ring.destroy(ACCOUNT);

    // The snapshot taken before the erasure: its e-mail no longer opens; the state loads, the ledger intact.
    const restored = accountSnapshotSerializer(ring).deserialize(JSON.parse(before?.state ?? 'null'), STREAM);
    expect(restored.contactEmail).toBe(PERSONAL_DATA_DESTROYED);
    const cold = await commands().load(STREAM);
    expect(cold.state.contactEmail).toBe(PERSONAL_DATA_DESTROYED);
    expect(cold.state.erasedAt).toBe(at.toISOString());
    expect(cold.state.balanceMinor).toBe((await commands(events, false).load(STREAM)).state.balanceMinor);
  });

  it('ignores and deletes a snapshot ahead of a restored event store, and snapshots the restored stream again', async () => {
    const { dir, events, snapshots, commands, warnings } = setup(10);
    const warm = commands();
    await traffic(warm, 2); // 6 events
    events.db.exec(`VACUUM INTO '${join(dir, 'backup.db')}'`);
    await traffic(warm, 2, 2); // 10 events: a snapshot at revision 9
    await warm.snapshotsWritten();
    await traffic(warm, 4, 4); // 18 events
    await warm.snapshotsWritten();
    expect((await snapshots.get(STREAM))?.revision).toBe(9n);

    const restoredStore = new SqliteEventStore(join(dir, 'backup.db'));
    const restored = commands(restoredStore);
    const loaded = await restored.load(STREAM);
    expect(loaded.revision).toBe(5n);
    expect(loaded.state.reservedBatches).toEqual(new Set(['b-0', 'b-1']));
    expect(warnings).toEqual([expect.stringMatching(/revision 9 does not match the stream/)]);
    await restored.snapshotsWritten();
    expect(await snapshots.get(STREAM)).toBeUndefined();

    // The restored stream goes on (the batches after the backup are sent again) and is snapshotted afresh.
    await traffic(restored, 3, 2);
    await restored.snapshotsWritten();
    expect((await snapshots.get(STREAM))?.revision).toBe(11n);
    expect(await commands(restoredStore).load(STREAM)).toEqual(await commands(restoredStore, false).load(STREAM));
    await restoredStore.close();
  });

  it('is wired into account-billing: the service loads an account from the snapshot in account-billing.db (both profiles share the module)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'account-snapshots-module-'));
    dirs.push(dataDir);
    const boot = () => startServiceUnderTest({ module: AccountBillingModule, dataDir, logLevel: 'error' });
    const first = await boot();
    const created = await callJson('POST', `${first.url}/v1/accounts`, { name: 'Wired Ltd', contactEmail: 'wired@example.com' });
    expect(created.status).toBe(201);
    const accountId = (created.body as { accountId: string }).accountId;
    expect((await callJson('POST', `${first.url}/v1/accounts/${accountId}/deposits`, { amount: '10.0000', reference: 'w1' })).status).toBe(201);
    await first.close();

    // A snapshot at the stream's last event saying what the events do not (a balance of 12,345.6789): only a service
    // that loads accounts from its snapshots answers with it.
    const events = new SqliteEventStore(join(dataDir, 'event-store.db'));
    const [last] = await events.readStream(accountStream(accountId), { direction: 'backwards', fromRevision: 'end', maxCount: 1 });
    await events.close();
    const state = Object.assign(initialState(), { status: 'ACTIVE', accountId, name: 'Wired Ltd', contactEmail: PERSONAL_DATA_DESTROYED, currency: 'CNY', openedAt: at.toISOString(), balanceMinor: 123_456_789n });
    const noSealing = { seal: () => { throw new Error('nothing to seal'); }, open: () => undefined };
    const db = openSqlite(join(dataDir, 'account-billing.db'));
    await new SqliteSnapshotStore(db).save(accountStream(accountId), { revision: last.revision, eventId: last.id, schemaVersion: accountSnapshotSerializer(noSealing).version, state: JSON.stringify(accountSnapshotSerializer(noSealing).serialize(state, STREAM)) });
    db.close();

    const second = await boot();
    try {
      const account = await callJson('GET', `${second.url}/v1/accounts/${accountId}`);
      expect(account.status).toBe(200);
      expect(account.body).toMatchObject({ accountId, balance: '12345.6789' });
    } finally {
      await second.close();
    }
  });
});
