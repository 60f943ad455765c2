import { accept, type Decider, type Decision, reject } from '@sms/use-case-kit/core';

/**
 * An API key (stream `credential-<keyId>`): issued for an account (role customer) or for staff (operator or
 * reviewer), revoked for good. Only the verifier of its secret is ever recorded (ADR 0015).
 */
export const credentialStream = (keyId: string): string => `credential-${keyId}`;

export const CREDENTIAL_EVENT_TYPES = {
  ApiKeyIssued: 'account-billing.ApiKeyIssued.v1',
  ApiKeyRevoked: 'account-billing.ApiKeyRevoked.v1',
} as const;

export type KeyRole = 'operator' | 'reviewer' | 'customer';

export interface ApiKeyIssued {
  type: 'ApiKeyIssued';
  data: { keyId: string; accountId?: string; roles: KeyRole[]; verifier: string; label?: string; issuedBy: string; issuedAt: string };
}

export interface ApiKeyRevoked {
  type: 'ApiKeyRevoked';
  /** Carries what the key was, so the last event of a key says everything about it (a compacted topic keeps only that). */
  data: { keyId: string; accountId?: string; roles: KeyRole[]; label?: string; issuedAt: string; reason?: string; revokedBy: string; revokedAt: string };
}

export type CredentialEvent = ApiKeyIssued | ApiKeyRevoked;

export type CredentialCommand =
  | { type: 'IssueApiKey'; keyId: string; accountId?: string; roles: KeyRole[]; verifier: string; label?: string; by: string; at: Date }
  | { type: 'RevokeApiKey'; keyId: string; accountId?: string; reason?: string; by: string; at: Date };

export interface CredentialState {
  status: 'NONE' | 'ACTIVE' | 'REVOKED';
  keyId: string;
  accountId?: string;
  roles: KeyRole[];
  verifier: string;
  label?: string;
  createdAt: string;
  revokedAt?: string;
}

export type CredentialRejectionCode = 'API_KEY_NOT_FOUND';

const initialState = (): CredentialState => ({ status: 'NONE', keyId: '', roles: [], verifier: '', createdAt: '' });

function evolve(state: CredentialState, event: CredentialEvent): CredentialState {
  switch (event.type) {
    case 'ApiKeyIssued': {
      const d = event.data;
      return { status: 'ACTIVE', keyId: d.keyId, accountId: d.accountId, roles: d.roles, verifier: d.verifier, label: d.label, createdAt: d.issuedAt };
    }
    case 'ApiKeyRevoked':
      return { ...state, status: 'REVOKED', revokedAt: event.data.revokedAt };
  }
}

function decide(command: CredentialCommand, state: CredentialState): Decision<CredentialEvent, CredentialRejectionCode> {
  switch (command.type) {
    case 'IssueApiKey': {
      // Key ids are random; an existing stream can only be a retried issue.
      if (state.status !== 'NONE') return accept();
      const { keyId, accountId, roles, verifier, label, by } = command;
      return accept<CredentialEvent>({ type: 'ApiKeyIssued', data: { keyId, accountId, roles, verifier, label, issuedBy: by, issuedAt: command.at.toISOString() } });
    }
    case 'RevokeApiKey': {
      // A key of another account is answered as absent: its id tells nothing about it.
      if (state.status === 'NONE' || state.accountId !== command.accountId) return reject('API_KEY_NOT_FOUND', `API key ${command.keyId} does not exist.`);
      if (state.status === 'REVOKED') return accept();
      const { accountId, roles, label, createdAt: issuedAt } = state;
      return accept<CredentialEvent>({ type: 'ApiKeyRevoked', data: { keyId: command.keyId, accountId, roles, label, issuedAt, reason: command.reason, revokedBy: command.by, revokedAt: command.at.toISOString() } });
    }
  }
}

export const credentialDecider: Decider<CredentialCommand, CredentialEvent, CredentialState, CredentialRejectionCode> = { decide, evolve, initialState };
