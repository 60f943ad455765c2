import { DeciderSpecification, fold } from '@sms/use-case-kit/core';
import { type DecideHeldMessage, type HeldMessage, heldMessageDecider, type HeldMessageEvent } from './held-message';

const now = new Date('2026-03-01T09:00:00.000Z');

/** Given past decisions, when a reviewer decides, then these events (or this rejection). */
const spec = DeciderSpecification.for(heldMessageDecider);

const held: HeldMessage = {
  messageId: 'm-1',
  batchId: 'b-1',
  accountId: 'acc-1',
  kind: 'marketing',
  category: 'missing-opt-out',
  terms: [],
  segments: 2,
  countryCode: 'CN',
  operator: 'CUCC',
  heldAt: '2026-03-01T08:00:00.000Z',
};

const decide = (overrides: Partial<DecideHeldMessage> = {}): DecideHeldMessage => ({
  type: 'DecideHeldMessage',
  messageId: 'm-1',
  held,
  release: true,
  decidedBy: 'key-reviewer',
  now,
  ...overrides,
});

const decided = {
  messageId: 'm-1',
  batchId: 'b-1',
  accountId: 'acc-1',
  kind: 'marketing' as const,
  category: 'missing-opt-out',
  segments: 2,
  countryCode: 'CN',
  operator: 'CUCC',
  decidedBy: 'key-reviewer',
  decidedAt: now.toISOString(),
};
const released: HeldMessageEvent = { type: 'HeldMessageReleased', data: decided };
const blocked: HeldMessageEvent = { type: 'HeldMessageBlocked', data: { ...decided, reason: 'unsolicited ad' } };

describe('held message decider (DOMAIN §3: REVIEW holds a message for a human; ADR 0036)', () => {
  it('DOMAIN §3: a reviewer releases a held message, with what pricing and routing it needs', () => {
    const state = spec.given([]).when(decide()).then([released]);
    expect(state).toEqual({ released: true, decidedAt: now.toISOString() });
  });

  it('DOMAIN §3: a reviewer blocks a held message, with a trimmed reason', () => {
    spec
      .given([])
      .when(decide({ release: false, reason: '  unsolicited ad ' }))
      .then([blocked]);
  });

  it('DOMAIN §3: decides once — a second decision, either way, is ALREADY_DECIDED', () => {
    spec.given([released]).when(decide({ release: false })).thenRejects('ALREADY_DECIDED', /already released/);
    spec.given([blocked]).when(decide()).thenRejects('ALREADY_DECIDED', /already blocked/);
    expect(fold(heldMessageDecider, [released, blocked])).toEqual({ released: true, decidedAt: now.toISOString() });
  });

  it('DOMAIN §3: only what screening held can be decided — an unknown id is MESSAGE_NOT_FOUND', () => {
    spec.given([]).when(decide({ held: undefined })).thenRejects('MESSAGE_NOT_FOUND');
    spec.given([]).when(decide({ messageId: 'm-2' })).thenRejects('MESSAGE_NOT_FOUND');
  });

  it('DOMAIN §2: a reason is at most 500 characters (counted as a reader counts them), a blank one is none', () => {
    spec.given([]).when(decide({ reason: '理'.repeat(501) })).thenRejects('VALIDATION_FAILED', /500/);
    spec.given([]).when(decide({ reason: '理'.repeat(500) })).then([{ type: 'HeldMessageReleased', data: { ...decided, reason: '理'.repeat(500) } }]);
    spec.given([]).when(decide({ reason: '   ' })).then([released]);
  });
});
