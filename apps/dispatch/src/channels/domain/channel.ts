import { MESSAGE_KINDS, type MessageKind, type OperatorCode } from '@sms/contracts';
import { accept, type Decider, type Decision, reject } from '@sms/use-case-kit/core';
import { ROUTABLE_OPERATORS } from '../../messages/domain/routing';
import { countryEntryProblem } from './countries';
import type { ChannelAttributes, ChannelEvent } from './events';

export type ChannelCommand =
  | { type: 'ConfigureChannel'; channelId: string; attributes: ChannelAttributes; at: string; seeded?: boolean }
  | { type: 'PauseChannel'; channelId: string; reason?: string; at: string }
  | { type: 'ResumeChannel'; channelId: string; at: string };

export type ChannelRejection = 'VALIDATION_FAILED' | 'CHANNEL_NOT_FOUND';

/** A channel's stream folded. */
export interface ChannelState {
  channelId?: string;
  attributes?: ChannelAttributes;
  paused: boolean;
  pausedReason?: string;
  /** When its attributes or its pause last changed. */
  changedAt?: string;
}

export const initialChannelState = (): ChannelState => ({ paused: false });

export const CHANNEL_ID = /^[A-Za-z0-9._-]{1,64}$/;
export const MAX_PRIORITY = 1_000;
export const MAX_TPS = 100_000;

/** The first rule the attributes break, or undefined. The API's DTO checks types; these are the domain's rules. */
export function attributesProblem(attributes: ChannelAttributes): string | undefined {
  if (attributes.operators.length === 0) return 'operators must name at least one operator';
  const unknownOperator = attributes.operators.find((o) => !ROUTABLE_OPERATORS.includes(o));
  if (unknownOperator !== undefined) return `operators: "${unknownOperator}" is not one of ${ROUTABLE_OPERATORS.join(', ')}`;
  if (new Set(attributes.operators).size !== attributes.operators.length) return 'operators must not repeat';
  if (attributes.kinds.length === 0) return 'kinds must name at least one kind';
  const unknownKind = attributes.kinds.find((k) => !MESSAGE_KINDS.includes(k));
  if (unknownKind !== undefined) return `kinds: "${unknownKind}" is not one of ${MESSAGE_KINDS.join(', ')}`;
  if (attributes.countries.length === 0) return 'countries must name at least one country, calling code or *';
  for (const entry of attributes.countries) {
    const problem = countryEntryProblem(entry);
    if (problem) return `countries: ${problem}`;
  }
  if (!Number.isInteger(attributes.priority) || attributes.priority < 0 || attributes.priority > MAX_PRIORITY) return `priority must be an integer of 0–${MAX_PRIORITY}`;
  if (!Number.isInteger(attributes.tps) || attributes.tps < 0 || attributes.tps > MAX_TPS) return `tps must be an integer of 0–${MAX_TPS} (0: no cap)`;
  return undefined;
}

const sameAttributes = (a: ChannelAttributes, b: ChannelAttributes): boolean => JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
const normalise = (a: ChannelAttributes) => ({ ...a, operators: [...a.operators].sort(), countries: [...a.countries].sort(), kinds: [...a.kinds].sort() });

/**
 * A channel's routing attributes and its pause (ADR 0018). Configuring creates or replaces the attributes (the same
 * ones again change nothing); pausing and resuming need a channel, and a repeat changes nothing.
 */
export const channelDecider: Decider<ChannelCommand, ChannelEvent, ChannelState, ChannelRejection> = {
  initialState: initialChannelState,
  decide(command, state): Decision<ChannelEvent, ChannelRejection> {
    switch (command.type) {
      case 'ConfigureChannel': {
        if (!CHANNEL_ID.test(command.channelId)) return reject('VALIDATION_FAILED', "channelId must be 1–64 letters, digits, '.', '_' or '-'");
        const problem = attributesProblem(command.attributes);
        if (problem) return reject('VALIDATION_FAILED', problem);
        if (state.attributes && sameAttributes(state.attributes, command.attributes)) return accept();
        return accept({ type: 'ChannelConfigured', data: { channelId: command.channelId, ...command.attributes, configuredAt: command.at, ...(command.seeded ? { seeded: true } : {}) } });
      }
      case 'PauseChannel':
        if (!state.attributes) return reject('CHANNEL_NOT_FOUND', `Channel ${command.channelId} does not exist.`);
        if (state.paused) return accept();
        return accept({ type: 'ChannelPaused', data: { channelId: command.channelId, pausedAt: command.at, ...(command.reason ? { reason: command.reason } : {}) } });
      case 'ResumeChannel':
        if (!state.attributes) return reject('CHANNEL_NOT_FOUND', `Channel ${command.channelId} does not exist.`);
        if (!state.paused) return accept();
        return accept({ type: 'ChannelResumed', data: { channelId: command.channelId, resumedAt: command.at } });
    }
  },
  evolve: evolveChannel,
};

export function evolveChannel(state: ChannelState, event: ChannelEvent): ChannelState {
  switch (event.type) {
    case 'ChannelConfigured': {
      const { channelId, configuredAt, seeded: _seeded, ...attributes } = event.data;
      return { ...state, channelId, attributes: attributes as ChannelAttributes, changedAt: configuredAt };
    }
    case 'ChannelPaused':
      return { ...state, channelId: event.data.channelId, paused: true, ...(event.data.reason ? { pausedReason: event.data.reason } : {}), changedAt: event.data.pausedAt };
    case 'ChannelResumed': {
      const { pausedReason: _reason, ...rest } = state;
      return { ...rest, channelId: event.data.channelId, paused: false, changedAt: event.data.resumedAt };
    }
  }
}

/** Every operator, country and kind: the channel of the embedded profile's zero setup. */
export const SERVES_EVERYTHING: Pick<ChannelAttributes, 'countries' | 'kinds'> = { countries: ['*'], kinds: [...MESSAGE_KINDS] as MessageKind[] };
export const ALL_OPERATORS: OperatorCode[] = [...ROUTABLE_OPERATORS];
