import type { EventStore } from '@sms/event-store';
import { CommandHandler } from '@sms/use-case-kit';
import type { PersonalDataSealer } from '@sms/use-case-kit/core';
import { heldMessageCodec } from '../../event-codec';
import { type HeldMessage, heldMessageDecider, type HeldMessageEvent, type HeldMessageState } from '../domain/held-message';

/** A held message with its text: opened for the reviewer, or `[destroyed]` once the account's key is gone. */
export interface HeldMessageWithText extends HeldMessage {
  text: string;
}

/**
 * What screening held, kept for the reviewer in content-review's own database (ADR 0036): the text sealed with the
 * account's data key (ADR 0016), never in clear. Written by send-time screening on every delivery of a batch,
 * idempotently; marked decided by the held-message projection.
 */
export interface HeldMessageStore {
  /** Insert-or-ignore per message id: a redelivery rewrites nothing. */
  record(messages: HeldMessageWithText[]): Promise<void>;
  find(messageId: string): Promise<HeldMessage | undefined>;
  /** Undecided ones, oldest held first, strictly after the (heldAt, messageId) of the previous page's last row. */
  pending(query: { after?: { heldAt: string; messageId: string }; limit: number }): Promise<HeldMessageWithText[]>;
  /** Takes it out of the queue (idempotent). */
  decided(messageId: string, decidedAt: string): Promise<void>;
}

/** The held messages' decision streams (`held-message-<id>`): one write path, the reason sealed by the codec. */
export type HeldMessages = CommandHandler<HeldMessageEvent, HeldMessageState>;

export const createHeldMessages = (store: EventStore, sealer: PersonalDataSealer): HeldMessages =>
  new CommandHandler({ store, codec: heldMessageCodec(sealer), evolve: heldMessageDecider.evolve, initialState: heldMessageDecider.initialState });
