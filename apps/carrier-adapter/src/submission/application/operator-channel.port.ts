import type { EventEmitter } from 'node:events';

export interface ChannelSubmitOutcome {
  parts: Array<{ seq: number; operatorMessageId?: string; error?: { code: string; detail?: string } }>;
}

/** What a channel's sessions are doing now (ADR 0018: its health). */
export interface ChannelStats {
  sessions: number;
  /** Sessions bound now: none means the channel is DOWN. */
  sessionsBound: number;
  /** submit_sm the windows may hold, and hold now. */
  windowSize: number;
  windowInUse: number;
}

/**
 * An operator channel: one or more protocol sessions (SMPP now, CMPP/SGIP/SMGP later) behind one id.
 * Emits 'receipt' ({ operatorMessageId, status, err?, doneDate? }) and 'inbound' ({ from, to, text, receivedAt? });
 * and, for its health, 'up' (its first session bound), 'down' (its last bound session lost), 'throttled' (the
 * operator answered a submit with "slow down") and 'refused' (Error: the operator refused a bind or connect — wrong
 * credentials; the channel keeps trying with backoff).
 */
export interface OperatorChannel extends EventEmitter {
  readonly id: string;
  /** How many messages may be outstanding at once (window × sessions). */
  readonly capacity: number;
  start(): Promise<void>;
  /** `sourceExtension`: appended to the channel's own source address (ADR 0021), so replies come back to it. */
  submit(message: { to: string; text: string; registeredDelivery: boolean; sourceExtension?: string }): Promise<ChannelSubmitOutcome>;
  close(): Promise<void>;
  stats(): ChannelStats;
}
