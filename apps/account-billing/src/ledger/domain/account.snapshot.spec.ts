import { PERSONAL_DATA_DESTROYED, type PersonalDataSealer } from '@sms/use-case-kit/core';
import fc from 'fast-check';
import type { AccountCommand } from './account.commands';
import { decide } from './account.decider';
import type { AccountEvent } from './account.events';
import { ACCOUNT_SNAPSHOT_VERSION, accountEventWeight, accountSnapshotSerializer, EVENT_WEIGHT } from './account.snapshot';
import { type AccountState, evolve, initialState, RECENT_BATCHES } from './account.state';

/**
 * A sealer as the key ring behaves (seal, open, undefined once destroyed, refusing to seal for a destroyed owner); its
 * "sealing" is reversible base64 so the spec can see what was sealed. The real ring seals snapshots in
 * `infrastructure/account-snapshots.int.spec.ts`.
 */
function testSealer() {
  const destroyed = new Set<string>();
  const calls: Array<{ owner: string; plaintext: string; lifetime?: boolean }> = [];
  const sealer: PersonalDataSealer = {
    seal: (owner, plaintext, options) => {
      if (destroyed.has(owner)) throw new Error(`key of ${owner} destroyed`);
      calls.push({ owner, plaintext, lifetime: options?.lifetime });
      return `sealed.${Buffer.from(`${owner}|${plaintext}`).toString('base64url')}`;
    },
    open: (owner, sealed) => {
      if (destroyed.has(owner)) return undefined;
      const [sealedFor, ...rest] = Buffer.from(sealed.slice('sealed.'.length), 'base64url').toString().split('|');
      if (sealedFor !== owner) throw new Error('sealed for another owner');
      return rest.join('|');
    },
  };
  return { sealer, destroyed, calls };
}

/** Through JSON text, as the snapshot store keeps it. */
const roundTrip = (state: AccountState, sealer: PersonalDataSealer): AccountState => {
  const serializer = accountSnapshotSerializer(sealer);
  return serializer.deserialize(JSON.parse(JSON.stringify(serializer.serialize(state, 'account-x'))), 'account-x');
};

/** Equal, and every Map and Set in the same order (the oldest remembered batch is the first one forgotten). */
function expectSameState(actual: AccountState, expected: AccountState): void {
  expect(actual).toEqual(expected);
  for (const key of ['reservations', 'deposits', 'adjustments', 'credits', 'creditedByMessage'] as const) {
    expect([...actual[key].keys()]).toEqual([...expected[key].keys()]);
  }
  expect([...actual.reservedBatches]).toEqual([...expected.reservedBatches]);
}

// ---------------------------------------------------------------------------------------------------------------
// Random states
// ---------------------------------------------------------------------------------------------------------------

const word = fc.string({ unit: 'grapheme', maxLength: 10 });
const id = fc.oneof(fc.uuid(), word);
const amount = fc.oneof(fc.bigInt({ min: -1_000_000n, max: 1_000_000n }), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }));
const time = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const keyed = <V>(value: fc.Arbitrary<V>) =>
  fc.uniqueArray(fc.tuple(id, value), { selector: ([key]) => key, maxLength: 12 }).map((entries) => new Map(entries));

const reservation = fc.record(
  {
    batchId: id,
    segments: fc.integer({ min: 1, max: 255 }),
    unitPriceMinor: amount,
    amountMinor: amount,
    next: fc.record({ effectiveAt: time, unitPriceMinor: amount }),
  },
  { requiredKeys: ['batchId', 'segments', 'unitPriceMinor', 'amountMinor'] },
);

const accountState: fc.Arbitrary<AccountState> = fc.record(
  {
    status: fc.constantFrom<AccountState['status']>('NONE', 'ACTIVE', 'FROZEN', 'SUSPENDED', 'TERMINATING', 'TERMINATED'),
    statusReason: word,
    statusChangedAt: time,
    accountId: fc.uuid(),
    name: word,
    contactEmail: fc.oneof(fc.emailAddress(), fc.constant(''), fc.constant(PERSONAL_DATA_DESTROYED), word),
    currency: fc.constantFrom('CNY', 'EUR', ''),
    openedAt: time,
    balanceMinor: amount,
    inArrears: fc.boolean(),
    terms: fc.record({ version: word, method: fc.constantFrom<'click' | 'seal' | 'first-use'>('click', 'seal', 'first-use'), acceptedAt: time }),
    adjustments: keyed(fc.record({ amountMinor: amount, at: time })),
    credits: keyed(fc.record({ amountMinor: amount, at: time })),
    creditedByMessage: keyed(amount),
    lowBalanceThresholdMinor: amount,
    lowBalanceAlerted: fc.boolean(),
    termination: fc.record(
      { basis: fc.constantFrom<'agreement' | 'notice'>('agreement', 'notice'), reason: word, requestedAt: time, terminatedAt: time },
      { requiredKeys: ['basis', 'reason', 'requestedAt'] },
    ),
    refundedMinor: amount,
    reservedMinor: amount,
    reservations: keyed(reservation),
    deposits: keyed(fc.record({ amountMinor: amount, depositedAt: time, balanceAfterMinor: amount })),
    reservedBatches: fc.uniqueArray(id, { maxLength: 20 }).map((ids) => new Set(ids)),
    retentionDays: fc.integer({ min: 1, max: 36_500 }),
    dataErasedBefore: time,
    erasedAt: time,
  },
  {
    requiredKeys: [
      'status', 'accountId', 'name', 'contactEmail', 'currency', 'openedAt', 'balanceMinor', 'inArrears', 'adjustments', 'credits',
      'creditedByMessage', 'lowBalanceAlerted', 'refundedMinor', 'reservedMinor', 'reservations', 'deposits', 'reservedBatches',
    ],
  },
);

// ---------------------------------------------------------------------------------------------------------------
// Random histories: commands decided and folded as the CommandHandler does
// ---------------------------------------------------------------------------------------------------------------

const MESSAGES = Array.from({ length: 16 }, (_, i) => `m${i}`);
const at = new Date('2026-03-01T00:00:00Z');
const command: fc.Arbitrary<AccountCommand> = fc.oneof(
  fc.record({ amountMinor: fc.bigInt({ min: 1n, max: 100_000n }), reference: fc.constantFrom('d1', 'd2', 'd3', 'd4') }).map((c) => ({ type: 'DepositFunds' as const, ...c, at })),
  fc
    .record({
      batchId: fc.constantFrom('b1', 'b2', 'b3', 'b4', 'b5', 'b6'),
      items: fc.array(
        fc.record({
          messageId: fc.constantFrom(...MESSAGES),
          segments: fc.integer({ min: 1, max: 3 }),
          unitPriceMinor: fc.bigInt({ min: 1n, max: 5_000n }),
          next: fc.option(fc.record({ effectiveAt: time, unitPriceMinor: fc.bigInt({ min: 1n, max: 9_000n }) }), { nil: undefined }),
        }),
        { maxLength: 5 },
      ),
    })
    .map((c) => ({ type: 'ReserveFunds' as const, currency: 'CNY', ...c, items: c.items.map(({ next, ...i }) => (next ? { ...i, next } : i)), at })),
  fc
    .array(fc.record({ messageId: fc.constantFrom(...MESSAGES), status: fc.constantFrom<'SUBMITTED' | 'FAILED'>('SUBMITTED', 'FAILED'), segmentsSubmitted: fc.integer({ min: 0, max: 3 }) }), { maxLength: 6 })
    .map((results) => ({ type: 'SettleFunds' as const, batchKey: 'k', results, at })),
  fc.constantFrom<AccountCommand>(
    { type: 'SuspendAccount', kind: 'BREACH', reason: 'r', by: 'op', at },
    { type: 'LiftSuspension', reason: 'r', by: 'op', at },
    { type: 'SetRetentionPeriod', days: 30, by: 'op', at },
    { type: 'EraseRetainedData', before: new Date('2026-02-01T00:00:00Z'), reason: 'retention', by: 'job', at },
    { type: 'EraseAccountData', reason: 'asked', by: 'op', at },
    { type: 'SetLowBalanceThreshold', thresholdMinor: 50_000n, by: 'op', at },
    { type: 'AcceptTerms', version: '2026-01', method: 'click', by: 'op', at },
    { type: 'RequestTermination', basis: 'notice', reason: 'r', by: 'op', at },
  ),
  fc.record({ amountMinor: fc.bigInt({ min: -50_000n, max: 50_000n }), reference: fc.constantFrom('a1', 'a2') }).map((c) => ({ type: 'AdjustFunds' as const, ...c, reason: 'fix', by: 'op', at })),
  fc
    .record({ amountMinor: fc.bigInt({ min: 1n, max: 2_000n }), messageIds: fc.subarray(MESSAGES, { maxLength: 3 }), reference: fc.constantFrom('c1', 'c2') })
    .map((c) => ({ type: 'GrantServiceCredit' as const, ...c, charges: c.messageIds.map((messageId) => ({ messageId, chargedMinor: 1_500n })), reason: 'outage', by: 'op', at })),
);

const OPEN: AccountCommand = { type: 'OpenAccount', accountId: 'acc-1', name: 'Acme 有限公司', contactEmail: 'billing@acme.example', currency: 'CNY', at };

function history(commands: AccountCommand[]): AccountEvent[] {
  let state = initialState();
  const events: AccountEvent[] = [];
  for (const c of [OPEN, ...commands]) {
    const decision = decide(c, state);
    if (!decision.ok) continue;
    for (const event of decision.events) {
      state = evolve(state, event);
      events.push(event);
    }
  }
  return events;
}
const foldAll = (events: AccountEvent[], from = initialState()) => events.reduce(evolve, from);

describe('account snapshot serialiser (ADR 0028)', () => {
  it('gives back the state it was given, Maps and Sets in order, for any state (property)', () => {
    const { sealer } = testSealer();
    fc.assert(
      fc.property(accountState, (state) => {
        expectSameState(roundTrip(state, sealer), state);
      }),
      { numRuns: 500 },
    );
  });

  it('a snapshot taken anywhere in a history, then the events after it, is the state of the whole history (property)', () => {
    const { sealer } = testSealer();
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), fc.nat(), (commands, at) => {
        const events = history(commands);
        const cut = 1 + (at % events.length);
        // Taken of a state that then goes on being evolved in place, as the CommandHandler's cached one does.
        const live = foldAll(events.slice(0, cut));
        const snapshot = JSON.stringify(accountSnapshotSerializer(sealer).serialize(live, 'account-acc-1'));
        foldAll(events.slice(cut), live);
        const restored = accountSnapshotSerializer(sealer).deserialize(JSON.parse(snapshot), 'account-acc-1');
        expectSameState(foldAll(events.slice(cut), restored), foldAll(events));
      }),
      { numRuns: 300 },
    );
  });

  it('holds the contact e-mail only sealed with the account’s lifetime key (ADR 0016)', () => {
    const { sealer, calls } = testSealer();
    const state = foldAll(history([]));
    const text = JSON.stringify(accountSnapshotSerializer(sealer).serialize(state, 'account-acc-1'));
    expect(text).not.toContain('billing@acme.example');
    expect(calls).toEqual([{ owner: 'acc-1', plaintext: 'billing@acme.example', lifetime: true }]);
    expect(roundTrip(state, sealer).contactEmail).toBe('billing@acme.example');
  });

  it('reads the e-mail as destroyed once the account’s key is gone, the rest of the state as it was (ADR 0017)', () => {
    const { sealer, destroyed } = testSealer();
    const state = foldAll(history([{ type: 'DepositFunds', amountMinor: 700n, reference: 'd1', at }]));
    const text = JSON.stringify(accountSnapshotSerializer(sealer).serialize(state, 'account-acc-1'));
    destroyed.add('acc-1');
    const restored = accountSnapshotSerializer(sealer).deserialize(JSON.parse(text), 'account-acc-1');
    expect(restored.contactEmail).toBe(PERSONAL_DATA_DESTROYED);
    expectSameState(restored, { ...state, contactEmail: PERSONAL_DATA_DESTROYED });
  });

  it('writes an erased account without sealing anything; a key destroyed before the erasure was folded fails the snapshot', () => {
    const { sealer, destroyed, calls } = testSealer();
    const erased = foldAll(history([{ type: 'SuspendAccount', kind: 'BREACH', reason: 'r', by: 'op', at }, { type: 'EraseAccountData', reason: 'asked', by: 'op', at }]));
    expect(erased.contactEmail).toBe(PERSONAL_DATA_DESTROYED);
    destroyed.add('acc-1');
    expect(roundTrip(erased, sealer).contactEmail).toBe(PERSONAL_DATA_DESTROYED);
    expect(calls).toEqual([]);
    // Not yet folded here, destroyed elsewhere: no snapshot, rather than one claiming the e-mail is gone early.
    expect(() => accountSnapshotSerializer(sealer).serialize(foldAll(history([])), 'account-acc-1')).toThrow(/destroyed/);
  });

  it('keeps the last RECENT_BATCHES batch ids in order, so the guard forgets the same batch after a restore', () => {
    const { sealer } = testSealer();
    const state = initialState();
    for (let i = 0; i < RECENT_BATCHES + 5; i++) evolve(state, { type: 'FundsReserved', data: { batchId: `b${i}`, items: [], rejected: [], totalMinor: 0n, reservedAt: '' } });
    const restored = roundTrip(state, sealer);
    expect(restored.reservedBatches.size).toBe(RECENT_BATCHES);
    evolve(restored, { type: 'FundsReserved', data: { batchId: 'next', items: [], rejected: [], totalMinor: 0n, reservedAt: '' } });
    expect(restored.reservedBatches.has('b5')).toBe(false);
    expect(restored.reservedBatches.has('b6')).toBe(true);
  });

  it('refuses a snapshot that is not one (the kit then replays the stream)', () => {
    const { sealer } = testSealer();
    const serializer = accountSnapshotSerializer(sealer);
    const good = serializer.serialize(foldAll(history([])), 'account-acc-1') as Record<string, unknown>;
    expect(() => serializer.deserialize({ ...good, balanceMinor: '12.5' }, 'account-acc-1')).toThrow(/minor units/);
    expect(() => serializer.deserialize({ ...good, reservations: {} }, 'account-acc-1')).toThrow(/list/);
    expect(() => serializer.deserialize({ ...good, contactEmail: 'billing@acme.example' }, 'account-acc-1')).toThrow(/sealed/);
    expect(() => serializer.deserialize(null, 'account-acc-1')).toThrow(/not an account state/);
    expect(serializer.version).toBe(ACCOUNT_SNAPSHOT_VERSION);
  });

  it('weighs an event by the messages it carries, so a snapshot interval bounds the replay after it whatever the batch sizes', () => {
    const events = history([
      { type: 'DepositFunds', amountMinor: 100_000n, reference: 'd1', at },
      { type: 'ReserveFunds', batchId: 'b1', currency: 'CNY', items: MESSAGES.slice(0, 4).map((messageId) => ({ messageId, segments: 1, unitPriceMinor: 10n })), at },
      { type: 'SettleFunds', batchKey: 'k', results: [{ messageId: 'm0', status: 'SUBMITTED', segmentsSubmitted: 1 }, { messageId: 'm1', status: 'FAILED', segmentsSubmitted: 0 }], at },
    ]);
    expect(events.map((e) => [e.type, accountEventWeight(e)])).toEqual([
      ['AccountOpened', EVENT_WEIGHT],
      ['FundsDeposited', EVENT_WEIGHT],
      ['FundsReserved', EVENT_WEIGHT + 4],
      ['FundsCaptured', EVENT_WEIGHT + 1],
      ['FundsReleased', EVENT_WEIGHT + 1],
    ]);
  });
});
