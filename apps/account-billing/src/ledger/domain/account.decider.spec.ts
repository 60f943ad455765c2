import { DeciderSpecification, fold } from '@sms/use-case-kit/core';
import type { AccountCommand, ReserveFundsItem, SubmissionResult } from './account.commands';
import { accountDecider, decide, type Decision } from './account.decider';
import type { AccountEvent, RejectedItem } from './account.events';
import { type AccountState, availableMinor, evolve, initialState } from './account.state';

const AT = new Date('2025-03-01T08:00:00.000Z');
const ISO = AT.toISOString();
const PRICE = 450n; // 0.0450 per segment

/**
 * The running totals money events carry (balanceAfterMinor, reservedAfterMinor) are left out of these expectations
 * so each spec states only its rule; 'running totals' below and the property-based invariants check them.
 */
function withoutTotals(decision: Decision): Decision {
  if (!decision.ok) return decision;
  return {
    ...decision,
    events: decision.events.map((event) => {
      const { balanceAfterMinor: _b, reservedAfterMinor: _r, ...data } = event.data as Record<string, unknown>;
      return { ...event, data } as AccountEvent;
    }),
  };
}
const specOf = (decider: typeof accountDecider) => DeciderSpecification.for({ ...decider, decide: (command: AccountCommand, state: AccountState) => withoutTotals(decider.decide(command, state)) });

/** Given events → when command → then events (or rejection). No mocks: just fold, decide, compare. */
const spec = specOf(accountDecider);

/** Puts the account in a status directly, after every given event (for rules that hold whatever led there). */
const inStatus = (status: AccountState['status']) => specOf({ ...accountDecider, evolve: (state, event) => Object.assign(accountDecider.evolve(state, event), { status }) });

const INSUFFICIENT = 'Available balance does not cover this message.';
const UNPRICED = 'No price in the catalogue for this destination and kind.';

const opened: AccountEvent = {
  type: 'AccountOpened',
  data: { accountId: 'acc-1', name: 'Acme', contactEmail: 'ops@acme.test', currency: 'CNY', openedAt: '2025-01-01T00:00:00.000Z' },
};
const deposited = (amountMinor: bigint, reference = 'dep-1'): AccountEvent => ({
  type: 'FundsDeposited',
  data: { amountMinor, reference, depositedAt: '2025-01-02T00:00:00.000Z' },
});
const reserve = (batchId: string, items: ReserveFundsItem[]): AccountCommand => ({ type: 'ReserveFunds', batchId, currency: 'CNY', items, at: AT });
const settle = (batchKey: string, results: SubmissionResult[]): AccountCommand => ({ type: 'SettleFunds', batchKey, results, at: AT });
const msg = (messageId: string, segments = 1, unitPriceMinor: bigint | null = PRICE): ReserveFundsItem => ({ messageId, segments, unitPriceMinor });
const reserved = (batchId: string, items: Array<[string, number]>, rejected: RejectedItem[] = []): AccountEvent => {
  const mapped = items.map(([messageId, segments]) => ({ messageId, segments, unitPriceMinor: PRICE, amountMinor: BigInt(segments) * PRICE }));
  return {
    type: 'FundsReserved',
    data: { batchId, items: mapped, rejected, totalMinor: mapped.reduce((sum, i) => sum + i.amountMinor, 0n), reservedAt: ISO },
  };
};

describe('Account decider', () => {
  describe('OpenAccount', () => {
    it('opens an ACTIVE account with zero balance', () => {
      const state = spec
        .given([])
        .when({ type: 'OpenAccount', accountId: 'acc-1', name: 'Acme', contactEmail: 'ops@acme.test', currency: 'CNY', at: AT })
        .then([{ type: 'AccountOpened', data: { accountId: 'acc-1', name: 'Acme', contactEmail: 'ops@acme.test', currency: 'CNY', openedAt: ISO } }]);
      expect(state.status).toBe('ACTIVE');
      expect(state.balanceMinor).toBe(0n);
    });

    it('is a no-op when the account is already open', () => {
      spec.given([opened]).when({ type: 'OpenAccount', accountId: 'acc-1', name: 'Other', contactEmail: 'x@y.test', currency: 'CNY', at: AT }).thenNothing();
    });
  });

  describe('DepositFunds', () => {
    it('deposits exact minor units and raises the balance', () => {
      const state = spec
        .given([opened, deposited(1_000_000n, 'a')])
        .when({ type: 'DepositFunds', amountMinor: 1n, reference: 'b', at: AT })
        .then([{ type: 'FundsDeposited', data: { amountMinor: 1n, reference: 'b', depositedAt: ISO } }]);
      expect(state.balanceMinor).toBe(1_000_001n);
      expect(state.deposits.get('b')).toEqual({ amountMinor: 1n, depositedAt: ISO, balanceAfterMinor: 1_000_001n });
    });

    it('treats the same reference and amount as the same deposit (no event)', () => {
      spec.given([opened, deposited(1_000_000n, 'ref-1')]).when({ type: 'DepositFunds', amountMinor: 1_000_000n, reference: 'ref-1', at: AT }).thenNothing();
    });

    it('rejects a reused reference with a different amount', () => {
      spec.given([opened, deposited(1_000_000n, 'ref-1')]).when({ type: 'DepositFunds', amountMinor: 5n, reference: 'ref-1', at: AT }).thenRejects('IDEMPOTENCY_KEY_REUSED', /ref-1 .* 100\.0000/);
    });

    it.each([0n, -1n])('rejects a non-positive amount %p', (amountMinor) => {
      spec.given([opened]).when({ type: 'DepositFunds', amountMinor, reference: 'r', at: AT }).thenRejects('INVALID_AMOUNT');
    });

    it('rejects a deposit to an account that does not exist', () => {
      spec.given([]).when({ type: 'DepositFunds', amountMinor: 1n, reference: 'r', at: AT }).thenRejects('ACCOUNT_NOT_FOUND');
    });

    it('rejects a deposit to a terminated account', () => {
      inStatus('TERMINATED').given([opened]).when({ type: 'DepositFunds', amountMinor: 1n, reference: 'r', at: AT }).thenRejects('ACCOUNT_TERMINATED');
    });
  });

  describe('ReserveFunds', () => {
    it('reserves segments × unit price per message and keeps the balance', () => {
      const state = spec
        .given([opened, deposited(10_000n)])
        .when(reserve('b1', [msg('m1', 1), msg('m2', 3)]))
        .then([
          reserved('b1', [
            ['m1', 1],
            ['m2', 3],
          ]),
        ]);
      expect(state.balanceMinor).toBe(10_000n);
      expect(state.reservedMinor).toBe(1_800n);
      expect(availableMinor(state)).toBe(8_200n);
      expect(state.reservations.get('m2')).toEqual({ batchId: 'b1', segments: 3, unitPriceMinor: PRICE, amountMinor: 1_350n });
    });

    it('reserves in order while available covers, then rejects the rest INSUFFICIENT_BALANCE (no overtaking)', () => {
      // 1,000 available: m1 (450) fits, m2 (900) does not, m3 (450) would fit but must not overtake m2.
      spec
        .given([opened, deposited(1_000n)])
        .when(reserve('b1', [msg('m1', 1), msg('m2', 2), msg('m3', 1)]))
        .then([
          reserved(
            'b1',
            [['m1', 1]],
            [
              { messageId: 'm2', code: 'INSUFFICIENT_BALANCE', detail: INSUFFICIENT },
              { messageId: 'm3', code: 'INSUFFICIENT_BALANCE', detail: INSUFFICIENT },
            ],
          ),
        ]);
    });

    it('reserves exactly up to the last minor unit of available balance', () => {
      spec
        .given([opened, deposited(900n)])
        .when(reserve('b1', [msg('m1', 2)]))
        .then([reserved('b1', [['m1', 2]])]);
      spec
        .given([opened, deposited(899n)])
        .when(reserve('b1', [msg('m1', 2)]))
        .then([reserved('b1', [], [{ messageId: 'm1', code: 'INSUFFICIENT_BALANCE', detail: INSUFFICIENT }])]);
    });

    it('counts open reservations against available balance', () => {
      spec
        .given([opened, deposited(1_000n), reserved('b1', [['m1', 2]])])
        .when(reserve('b2', [msg('m2', 1)]))
        .then([reserved('b2', [], [{ messageId: 'm2', code: 'INSUFFICIENT_BALANCE', detail: INSUFFICIENT }])]);
    });

    it('rejects messages without a price PRICE_NOT_FOUND and still reserves the others', () => {
      spec
        .given([opened, deposited(10_000n)])
        .when(reserve('b1', [msg('m1', 1, null), msg('m2', 1)]))
        .then([reserved('b1', [['m2', 1]], [{ messageId: 'm1', code: 'PRICE_NOT_FOUND', detail: UNPRICED }])]);
    });

    it('rejects PRICE_NOT_FOUND when the prices are in another currency than the account', () => {
      spec
        .given([opened, deposited(10_000n)])
        .when({ type: 'ReserveFunds', batchId: 'b1', currency: 'USD', items: [msg('m1')], at: AT })
        .then([reserved('b1', [], [{ messageId: 'm1', code: 'PRICE_NOT_FOUND', detail: 'The catalogue has no prices in CNY.' }])]);
    });

    it.each([
      ['FROZEN', 'ACCOUNT_FROZEN', 'The account is frozen for arrears.'],
      ['SUSPENDED', 'ACCOUNT_SUSPENDED', 'The account is suspended.'],
      ['TERMINATING', 'ACCOUNT_TERMINATED', 'The account is being terminated.'],
      ['TERMINATED', 'ACCOUNT_TERMINATED', 'The account is terminated.'],
    ] as const)('rejects every message of a %s account with %s', (status, code, detail) => {
      inStatus(status)
        .given([opened, deposited(10_000n)])
        .when(reserve('b1', [msg('m1'), msg('m2')]))
        .then([
          reserved(
            'b1',
            [],
            [
              { messageId: 'm1', code, detail },
              { messageId: 'm2', code, detail },
            ],
          ),
        ]);
    });

    it('reserves nothing for a batch already reserved (redelivery)', () => {
      spec
        .given([opened, deposited(10_000n), reserved('b1', [['m1', 1]])])
        .when(reserve('b1', [msg('m1'), msg('m2')]))
        .thenNothing();
    });

    it('does not charge a message twice: duplicates in a batch and messages already reserved are left out', () => {
      spec
        .given([opened, deposited(10_000n), reserved('b1', [['m1', 1]])])
        .when(reserve('b2', [msg('m1'), msg('m2'), msg('m2')]))
        .then([reserved('b2', [['m2', 1]])]);
    });

    it('appends nothing for a batch without cleared messages', () => {
      spec
        .given([opened, deposited(10_000n)])
        .when(reserve('b1', []))
        .thenNothing();
    });

    it('rejects when the account does not exist', () => {
      spec
        .given([])
        .when(reserve('b1', [msg('m1')]))
        .thenRejects('ACCOUNT_NOT_FOUND');
    });

    describe("a reviewer's release of a held message (ADR 0036: keyed reservation)", () => {
      const release = (messageId: string, batchId = 'b1'): AccountCommand => ({ type: 'ReserveFunds', batchId, key: `review:${messageId}`, currency: 'CNY', items: [msg(messageId, 2)], at: AT });
      const releasedEvent = (messageId: string, batchId = 'b1'): AccountEvent => {
        const event = reserved(batchId, [[messageId, 2]]);
        return { ...event, data: { ...event.data, key: `review:${messageId}` } } as AccountEvent;
      };

      it('reserves the released message of a batch reserved already, naming the batch and remembering its key', () => {
        spec
          .given([opened, deposited(10_000n), reserved('b1', [['m1', 1]])])
          .when(release('m2'))
          .then([releasedEvent('m2')]);
        const state = fold(accountDecider, [opened, deposited(10_000n), reserved('b1', [['m1', 1]]), releasedEvent('m2')]);
        expect(state.reservedMinor).toBe(3n * PRICE);
        expect(state.reservations.get('m2')).toMatchObject({ batchId: 'b1', amountMinor: 2n * PRICE });
        expect([...state.reservedBatches]).toEqual(['b1', 'review:m2']);
      });

      it('reserves nothing for a redelivered release, even after its reservation was settled', () => {
        spec
          .given([opened, deposited(10_000n), releasedEvent('m2')])
          .when(release('m2'))
          .thenNothing();
        spec
          .given([opened, deposited(10_000n), releasedEvent('m2'), { type: 'FundsCaptured', data: { batchKey: 'b1', items: [{ messageId: 'm2', segments: 2, amountMinor: 2n * PRICE, releasedMinor: 0n }], capturedMinor: 2n * PRICE, releasedMinor: 0n, capturedAt: ISO } }])
          .when(release('m2'))
          .thenNothing();
      });

      it('does not charge a message twice: one holding a reservation already is left out', () => {
        spec
          .given([opened, deposited(10_000n), reserved('b1', [['m2', 2]])])
          .when(release('m2'))
          .thenNothing();
      });

      it('leaves the batch itself reservable: a release first does not swallow the screening outcome', () => {
        spec
          .given([opened, deposited(10_000n), releasedEvent('m2')])
          .when(reserve('b1', [msg('m1')]))
          .then([reserved('b1', [['m1', 1]])]);
      });

      it('rejects the release of a suspended account with its code, and one it cannot afford INSUFFICIENT_BALANCE', () => {
        const suspended: AccountEvent = { type: 'AccountSuspended', data: { kind: 'SECURITY', reason: 'x', suspendedBy: 'security', suspendedAt: ISO, currency: 'CNY' } };
        spec
          .given([opened, deposited(10_000n), suspended])
          .when(release('m2'))
          .then([{ type: 'FundsReserved', data: { batchId: 'b1', key: 'review:m2', items: [], rejected: [{ messageId: 'm2', code: 'ACCOUNT_SUSPENDED', detail: 'The account is suspended.' }], totalMinor: 0n, reservedAt: ISO } }]);
        spec
          .given([opened, deposited(PRICE)])
          .when(release('m2'))
          .then([{ type: 'FundsReserved', data: { batchId: 'b1', key: 'review:m2', items: [], rejected: [{ messageId: 'm2', code: 'INSUFFICIENT_BALANCE', detail: INSUFFICIENT }], totalMinor: 0n, reservedAt: ISO } }]);
      });
    });
  });

  describe('SettleFunds', () => {
    const base = [
      opened,
      deposited(100_000n),
      reserved('b1', [
        ['m1', 2],
        ['m2', 3],
        ['m3', 1],
      ]),
    ];

    it('captures acknowledged segments × reserved unit price and releases failed submissions', () => {
      const state = spec
        .given(base)
        .when(
          settle('k1', [
            { messageId: 'm1', status: 'SUBMITTED', segmentsSubmitted: 2 },
            { messageId: 'm3', status: 'FAILED', segmentsSubmitted: 0, errorCode: '0x00000045' },
          ]),
        )
        .then([
          { type: 'FundsCaptured', data: { batchKey: 'k1', items: [{ messageId: 'm1', batchId: 'b1', segments: 2, amountMinor: 900n, releasedMinor: 0n }], capturedMinor: 900n, releasedMinor: 0n, capturedAt: ISO } },
          { type: 'FundsReleased', data: { batchKey: 'k1', items: [{ messageId: 'm3', batchId: 'b1', amountMinor: 450n, reason: 'SUBMIT_FAILED', errorCode: '0x00000045' }], releasedMinor: 450n, releasedAt: ISO } },
        ]);
      expect(state.balanceMinor).toBe(99_100n);
      expect(state.reservedMinor).toBe(1_350n); // m2 still open
      expect([...state.reservations.keys()]).toEqual(['m2']);
    });

    it('captures only the acknowledged part of a partly submitted message and releases the rest', () => {
      const state = spec
        .given(base)
        .when(settle('k1', [{ messageId: 'm2', status: 'SUBMITTED', segmentsSubmitted: 2 }]))
        .then([{ type: 'FundsCaptured', data: { batchKey: 'k1', items: [{ messageId: 'm2', batchId: 'b1', segments: 2, amountMinor: 900n, releasedMinor: 450n }], capturedMinor: 900n, releasedMinor: 450n, capturedAt: ISO } }]);
      expect(state.balanceMinor).toBe(99_100n);
      expect(state.reservedMinor).toBe(1_350n); // m1 (900) + m3 (450)
    });

    it('never captures more than was reserved', () => {
      spec
        .given(base)
        .when(settle('k1', [{ messageId: 'm3', status: 'SUBMITTED', segmentsSubmitted: 5 }]))
        .then([{ type: 'FundsCaptured', data: { batchKey: 'k1', items: [{ messageId: 'm3', batchId: 'b1', segments: 1, amountMinor: 450n, releasedMinor: 0n }], capturedMinor: 450n, releasedMinor: 0n, capturedAt: ISO } }]);
    });

    it('releases everything for a SUBMITTED result with no acknowledged segment', () => {
      spec
        .given(base)
        .when(settle('k1', [{ messageId: 'm3', status: 'SUBMITTED', segmentsSubmitted: 0 }]))
        .then([{ type: 'FundsReleased', data: { batchKey: 'k1', items: [{ messageId: 'm3', batchId: 'b1', amountMinor: 450n, reason: 'SUBMIT_FAILED' }], releasedMinor: 450n, releasedAt: ISO } }]);
    });

    it('ignores unknown messages', () => {
      spec
        .given(base)
        .when(settle('k1', [{ messageId: 'nope', status: 'SUBMITTED', segmentsSubmitted: 1 }]))
        .thenNothing();
    });

    it('ignores a redelivered result: the reservation is already settled', () => {
      const first = spec.given(base).when(settle('k1', [{ messageId: 'm1', status: 'SUBMITTED', segmentsSubmitted: 2 }]));
      const events = (first.decision as Extract<Decision, { ok: true }>).events;
      spec
        .given([...base, ...events])
        .when(settle('k1', [{ messageId: 'm1', status: 'SUBMITTED', segmentsSubmitted: 2 }]))
        .thenNothing();
    });

    it('ignores a late result that contradicts an earlier settlement (reordering)', () => {
      const failedFirst: AccountEvent = {
        type: 'FundsReleased',
        data: { batchKey: 'k0', items: [{ messageId: 'm1', amountMinor: 900n, reason: 'SUBMIT_FAILED' }], releasedMinor: 900n, releasedAt: ISO },
      };
      spec
        .given([...base, failedFirst])
        .when(settle('k1', [{ messageId: 'm1', status: 'SUBMITTED', segmentsSubmitted: 2 }]))
        .thenNothing();
    });

    it('settles a message once even when a command lists it twice', () => {
      spec
        .given(base)
        .when(
          settle('k1', [
            { messageId: 'm1', status: 'SUBMITTED', segmentsSubmitted: 2 },
            { messageId: 'm1', status: 'FAILED', segmentsSubmitted: 0 },
          ]),
        )
        .then([{ type: 'FundsCaptured', data: { batchKey: 'k1', items: [{ messageId: 'm1', batchId: 'b1', segments: 2, amountMinor: 900n, releasedMinor: 0n }], capturedMinor: 900n, releasedMinor: 0n, capturedAt: ISO } }]);
    });
  });

  describe('exact arithmetic', () => {
    it('keeps balance = deposits − captures and reserved = open reservations to the minor unit over many batches', () => {
      const state = fold(accountDecider, [opened, deposited(123_456_789n)]);
      let captured = 0n;
      for (let b = 0; b < 50; b++) {
        const items = Array.from({ length: 40 }, (_, i) => msg(`b${b}-m${i}`, (i % 4) + 1, 450n + BigInt(b)));
        const r = decide(reserve(`b${b}`, items), state);
        if (!r.ok) throw new Error('unexpected rejection');
        r.events.forEach((e) => evolve(state, e));
        const results: SubmissionResult[] = items.map((item, i) => ({ messageId: item.messageId, status: i % 5 === 0 ? 'FAILED' : 'SUBMITTED', segmentsSubmitted: i % 5 === 0 ? 0 : Math.max(1, item.segments - (i % 2)) }));
        const s = decide(settle(`k${b}`, results), state);
        if (!s.ok) throw new Error('unexpected rejection');
        for (const e of s.events) {
          if (e.type === 'FundsCaptured') captured += e.data.capturedMinor;
          evolve(state, e);
        }
      }
      expect(state.reservedMinor).toBe(0n);
      expect(state.reservations.size).toBe(0);
      expect(state.balanceMinor).toBe(123_456_789n - captured);
      expect(captured).toBeGreaterThan(0n);
    });

    // The round trip through the stored (JSON) form and the refusal of corrupt amounts or unknown types are the
    // codec's: see account-billing.codec.spec.ts.
  });

  describe('SuspendAccount / LiftSuspension (terms §7.3.2 breach, §7.3.4 security)', () => {
    const suspended: AccountEvent = { type: 'AccountSuspended', data: { kind: 'SECURITY', reason: 'REQUEST_BURST: key ak_1', suspendedBy: 'security', suspendedAt: ISO, currency: 'CNY' } };

    it('suspends an active account with kind, reason and actor, and refuses its reservations while suspended', () => {
      spec.given([opened]).when({ type: 'SuspendAccount', kind: 'SECURITY', reason: 'REQUEST_BURST: key ak_1', by: 'security', at: AT }).then([suspended]);
      const state = fold(accountDecider, [opened, deposited(1_000_000n), suspended]);
      expect(state).toMatchObject({ status: 'SUSPENDED', statusReason: 'SECURITY: REQUEST_BURST: key ak_1' });
      spec
        .given([opened, deposited(1_000_000n), suspended])
        .when(reserve('b1', [msg('m1')]))
        .then([{ type: 'FundsReserved', data: { batchId: 'b1', items: [], rejected: [{ messageId: 'm1', code: 'ACCOUNT_SUSPENDED', detail: 'The account is suspended.' }], totalMinor: 0n, reservedAt: ISO } }]);
    });

    it('suspends once: a second suspension (a redelivered alert) changes nothing', () => {
      spec.given([opened, suspended]).when({ type: 'SuspendAccount', kind: 'BREACH', reason: 'again', by: 'op', at: AT }).thenNothing();
    });

    it('lifts a suspension with a reason; the account is ACTIVE again', () => {
      spec
        .given([opened, suspended])
        .when({ type: 'LiftSuspension', reason: 'runaway retry loop fixed', by: 'ak_op', at: AT })
        .then([{ type: 'SuspensionLifted', data: { reason: 'runaway retry loop fixed', liftedBy: 'ak_op', liftedAt: ISO, currency: 'CNY', status: 'ACTIVE' } }]);
      expect(fold(accountDecider, [opened, suspended, { type: 'SuspensionLifted', data: { reason: 'r', liftedBy: 'op', liftedAt: ISO, currency: 'CNY' } }])).toMatchObject({ status: 'ACTIVE', statusReason: undefined });
    });

    it('refuses to lift what is not suspended, and to suspend what does not exist', () => {
      spec.given([opened]).when({ type: 'LiftSuspension', reason: 'r', by: 'op', at: AT }).thenRejects('ACCOUNT_NOT_SUSPENDED');
      spec.given([]).when({ type: 'SuspendAccount', kind: 'BREACH', reason: 'r', by: 'op', at: AT }).thenRejects('ACCOUNT_NOT_FOUND');
    });
  });

  describe('erasure and retention (terms §4 "saving, destroying"; ADR 0017)', () => {
    const suspended: AccountEvent = { type: 'AccountSuspended', data: { kind: 'BREACH', reason: 'customer asked to close', suspendedBy: 'ak_op', suspendedAt: ISO, currency: 'CNY' } };
    const erased: AccountEvent = { type: 'AccountDataErased', data: { scope: 'account', reason: 'customer request REQ-7', erasedBy: 'ak_op', erasedAt: ISO } };
    const erase: AccountCommand = { type: 'EraseAccountData', reason: 'customer request REQ-7', by: 'ak_op', at: AT };
    const retain = (before: string): AccountCommand => ({ type: 'EraseRetainedData', before: new Date(before), reason: 'retention of 180 days', by: 'retention', at: AT });
    const retained = (before: string): AccountEvent => ({ type: 'AccountDataErased', data: { scope: 'retention', before, reason: 'retention of 180 days', erasedBy: 'retention', erasedAt: ISO } });

    it('erases a suspended account with reason and actor; it stays suspended, its money where it was, its e-mail gone from memory', () => {
      spec.given([opened, deposited(10_000n), suspended]).when(erase).then([erased]);
      const state = fold(accountDecider, [opened, deposited(10_000n), reserved('b1', [['m1', 2]]), suspended, erased]);
      expect(state).toMatchObject({ status: 'SUSPENDED', statusReason: 'ERASED: customer request REQ-7', erasedAt: ISO, contactEmail: '[destroyed]', balanceMinor: 10_000n, reservedMinor: 900n });
    });

    it('refuses to erase an account that is not suspended (nothing may be mid-send), or does not exist', () => {
      spec.given([opened]).when(erase).thenRejects('ACCOUNT_NOT_SUSPENDED', /suspend it before erasing/);
      spec.given([]).when(erase).thenRejects('ACCOUNT_NOT_FOUND');
    });

    it('erases once: asking again changes nothing; its suspension can no longer be lifted, nor its retention set', () => {
      spec.given([opened, suspended, erased]).when(erase).thenNothing();
      spec.given([opened, suspended, erased]).when({ type: 'LiftSuspension', reason: 'r', by: 'op', at: AT }).thenRejects('ACCOUNT_ERASED');
      spec.given([opened, suspended, erased]).when({ type: 'SetRetentionPeriod', days: 30, by: 'op', at: AT }).thenRejects('ACCOUNT_ERASED');
      spec.given([opened, suspended, erased]).when(retain('2025-01-01T00:00:00.000Z')).thenNothing();
      spec.given([opened, suspended, erased]).when({ type: 'SuspendAccount', kind: 'BREACH', reason: 'again', by: 'op', at: AT }).thenNothing();
    });

    it('sets and resets the account’s own retention period with its actor; the same period again changes nothing', () => {
      const set: AccountEvent = { type: 'RetentionPeriodSet', data: { days: 30, reason: 'contract §9', setBy: 'ak_op', setAt: ISO } };
      spec.given([opened]).when({ type: 'SetRetentionPeriod', days: 30, reason: 'contract §9', by: 'ak_op', at: AT }).then([set]);
      spec.given([opened, set]).when({ type: 'SetRetentionPeriod', days: 30, by: 'ak_op', at: AT }).thenNothing();
      spec.given([opened, set]).when({ type: 'SetRetentionPeriod', by: 'ak_op', at: AT }).then([{ type: 'RetentionPeriodSet', data: { setBy: 'ak_op', setAt: ISO } }]);
      expect(fold(accountDecider, [opened, set]).retentionDays).toBe(30);
      spec.given([]).when({ type: 'SetRetentionPeriod', days: 30, by: 'ak_op', at: AT }).thenRejects('ACCOUNT_NOT_FOUND');
    });

    it('erases retained data before a boundary once, whatever the status: a boundary at or before the last changes nothing', () => {
      spec.given([opened]).when(retain('2025-02-01T00:00:00.000Z')).then([retained('2025-02-01T00:00:00.000Z')]);
      spec.given([opened, suspended]).when(retain('2025-02-01T00:00:00.000Z')).then([retained('2025-02-01T00:00:00.000Z')]);
      spec.given([opened, retained('2025-02-01T00:00:00.000Z')]).when(retain('2025-02-01T00:00:00.000Z')).thenNothing();
      spec.given([opened, retained('2025-02-01T00:00:00.000Z')]).when(retain('2025-01-01T00:00:00.000Z')).thenNothing();
      spec.given([opened, retained('2025-02-01T00:00:00.000Z')]).when(retain('2025-03-03T00:00:00.000Z')).then([retained('2025-03-03T00:00:00.000Z')]);
      const state = fold(accountDecider, [opened, deposited(5n), retained('2025-02-01T00:00:00.000Z')]);
      expect(state).toMatchObject({ status: 'ACTIVE', dataErasedBefore: '2025-02-01T00:00:00.000Z', contactEmail: 'ops@acme.test', balanceMinor: 5n });
      spec.given([]).when(retain('2025-02-01T00:00:00.000Z')).thenRejects('ACCOUNT_NOT_FOUND');
    });
  });

  it('starts from an empty NONE state', () => {
    expect(initialState()).toMatchObject({ status: 'NONE', balanceMinor: 0n, reservedMinor: 0n });
    expect(accountDecider.initialState()).toEqual(initialState());
  });
});
