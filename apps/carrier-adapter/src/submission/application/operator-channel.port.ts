import type { EventEmitter } from 'node:events';

export interface ChannelSubmitOutcome {
  parts: Array<{ seq: number; operatorMessageId?: string; error?: { code: string; detail?: string } }>;
}

/**
 * An operator channel: one or more protocol sessions (SMPP now, CMPP/SGIP/SMGP later) behind one id.
 * Emits 'receipt' ({ operatorMessageId, status, err?, doneDate? }) and 'inbound' ({ from, to, text, receivedAt? }).
 */
export interface OperatorChannel extends EventEmitter {
  readonly id: string;
  /** How many messages may be outstanding at once (window × sessions). */
  readonly capacity: number;
  start(): Promise<void>;
  submit(message: { to: string; text: string; registeredDelivery: boolean }): Promise<ChannelSubmitOutcome>;
  close(): Promise<void>;
}
