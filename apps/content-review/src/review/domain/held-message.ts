import type { MessageKind } from '@sms/contracts';
import { accept, type Decider, type Decision, reject } from '@sms/use-case-kit/core';
import { charCount } from './events';
import { MAX_REASON } from './signature';

/**
 * Stored type strings of a held message's decision (ADR 0036): what the event store keeps, so they never change once
 * written. They start with the service's prefix, so the content-review outbox publishes them.
 */
export const HELD_MESSAGE_EVENTS = {
  released: 'content-review.HeldMessageReleased.v1',
  blocked: 'content-review.HeldMessageBlocked.v1',
} as const;

/** Every held-message event type starts with this (the held-message projection's filter). */
export const HELD_MESSAGE_TYPE_PREFIXES = ['content-review.HeldMessage'];

export const heldMessageStream = (messageId: string): string => `held-message-${messageId}`;

/**
 * What screening held for a human (DOMAIN §3, outcome REVIEW), as send-time screening recorded it: enough to show
 * the reviewer and, once released, for account-billing to price it like a cleared message.
 */
export interface HeldMessage {
  messageId: string;
  batchId: string;
  accountId: string;
  kind: MessageKind;
  category: string;
  terms: string[];
  segments: number;
  countryCode: string;
  operator: string;
  heldAt: string;
}

/**
 * A reviewer's decision: self-describing (the outbox maps it to MessageReviewDecidedV1 without a look-up). `reason`
 * is a reviewer's free text, sealed with the account's data key at rest (the codec's personal field).
 */
export interface HeldMessageDecided {
  messageId: string;
  batchId: string;
  accountId: string;
  kind: MessageKind;
  category: string;
  segments: number;
  countryCode: string;
  operator: string;
  reason?: string;
  /** Key id of the reviewer. */
  decidedBy: string;
  decidedAt: string;
}

export type HeldMessageEvent = { type: 'HeldMessageReleased'; data: HeldMessageDecided } | { type: 'HeldMessageBlocked'; data: HeldMessageDecided };
export const HELD_MESSAGE_EVENT_TYPES: ReadonlyArray<HeldMessageEvent['type']> = ['HeldMessageReleased', 'HeldMessageBlocked'];

/** Null until a reviewer decides; then the decision, for good. */
export type HeldMessageState = { released: boolean; decidedAt: string } | null;

export interface DecideHeldMessage {
  type: 'DecideHeldMessage';
  messageId: string;
  /** What screening recorded for the message; undefined when it never held one by that id. */
  held: HeldMessage | undefined;
  release: boolean;
  reason?: string;
  decidedBy: string;
  now: Date;
}

export type HeldMessageRejectionCode = 'MESSAGE_NOT_FOUND' | 'ALREADY_DECIDED' | 'VALIDATION_FAILED';
export type HeldMessageDecision = Decision<HeldMessageEvent, HeldMessageRejectionCode>;

/** Once per message: released (sent like a cleared message) or blocked (never sent, never billed). */
export function decideHeldMessage(command: DecideHeldMessage, state: HeldMessageState): HeldMessageDecision {
  const { held } = command;
  if (!held || held.messageId !== command.messageId) return reject('MESSAGE_NOT_FOUND', `no held message ${command.messageId}`);
  if (state) return reject('ALREADY_DECIDED', `message ${command.messageId} was already ${state.released ? 'released' : 'blocked'}`);
  const reason = command.reason?.trim() || undefined;
  if (reason && charCount(reason) > MAX_REASON) return reject('VALIDATION_FAILED', `reason must be at most ${MAX_REASON} characters`);
  const data: HeldMessageDecided = {
    messageId: held.messageId,
    batchId: held.batchId,
    accountId: held.accountId,
    kind: held.kind,
    category: held.category,
    segments: held.segments,
    countryCode: held.countryCode,
    operator: held.operator,
    ...(reason ? { reason } : {}),
    decidedBy: command.decidedBy,
    decidedAt: command.now.toISOString(),
  };
  return accept<HeldMessageEvent>(command.release ? { type: 'HeldMessageReleased', data } : { type: 'HeldMessageBlocked', data });
}

export function evolveHeldMessage(state: HeldMessageState, event: HeldMessageEvent): HeldMessageState {
  return state ?? { released: event.type === 'HeldMessageReleased', decidedAt: event.data.decidedAt };
}

/** A held message's decision stream: one per message (`heldMessageStream`). */
export const heldMessageDecider: Decider<DecideHeldMessage, HeldMessageEvent, HeldMessageState, HeldMessageRejectionCode> = {
  decide: decideHeldMessage,
  evolve: evolveHeldMessage,
  initialState: () => null,
};
