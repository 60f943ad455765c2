import { accept, type Decider, type Decision, reject } from '@sms/use-case-kit/core';

/**
 * The disclosure log of one account (terms §4.2, DOMAIN §6; stream `disclosures-<accountId>`): every time the
 * platform discloses the account's data, to whom, on which legal basis, what, and under which reference.
 */
export const disclosureStream = (accountId: string): string => `disclosures-${accountId}`;
export const DISCLOSURE_EVENT_TYPE = 'account-billing.DataDisclosed.v1';

export const LEGAL_BASES = ['consent', 'legal-request', 'violation', 'sub-processor'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export interface Disclosure {
  disclosureId: string;
  /** Who received the data, e.g. an authority or a sub-processor. */
  recipient: string;
  legalBasis: LegalBasis;
  /** What was disclosed. */
  scope: string;
  /** The request, order or agreement it answers; one disclosure per reference. */
  reference: string;
  disclosedBy: string;
  recordedAt: string;
}

export interface DataDisclosed {
  type: 'DataDisclosed';
  data: Disclosure;
}

export type RecordDisclosure = { type: 'RecordDisclosure'; at: Date } & Omit<Disclosure, 'recordedAt'>;
export type DisclosureState = Map<string, Disclosure>;

const same = (a: Disclosure, b: Omit<Disclosure, 'recordedAt' | 'disclosureId' | 'disclosedBy'>) =>
  a.recipient === b.recipient && a.legalBasis === b.legalBasis && a.scope === b.scope;

function decide(command: RecordDisclosure, state: DisclosureState): Decision<DataDisclosed, 'IDEMPOTENCY_KEY_REUSED'> {
  const earlier = state.get(command.reference);
  if (earlier) return same(earlier, command) ? accept() : reject('IDEMPOTENCY_KEY_REUSED', `Reference ${command.reference} already records another disclosure.`);
  const { type: _type, at, ...disclosure } = command;
  return accept({ type: 'DataDisclosed', data: { ...disclosure, recordedAt: at.toISOString() } });
}

export const disclosureDecider: Decider<RecordDisclosure, DataDisclosed, DisclosureState, 'IDEMPOTENCY_KEY_REUSED'> = {
  decide,
  evolve: (state, event) => state.set(event.data.reference, event.data),
  initialState: () => new Map(),
};
