import type { AccountStatus, MessageKind, ReviewStatus } from '@sms/contracts';

export interface AccountEntry {
  accountId: string;
  status: AccountStatus;
  currency: string;
  changedAt: string;
}

export interface SignatureEntry {
  signatureId: string;
  accountId: string;
  name: string;
  status: ReviewStatus;
  changedAt: string;
}

export interface TemplateEntry {
  templateId: string;
  accountId: string;
  name: string;
  kind: MessageKind;
  content: string;
  status: ReviewStatus;
  changedAt: string;
}

/** What a send is decided against, as far as dispatch has heard. */
export interface SendLookup {
  account?: AccountEntry;
  signature?: SignatureEntry;
  template?: TemplateEntry;
}

/**
 * Dispatch's directory of the accounts, signatures and templates other services publish (port). Each entry
 * keeps the newest change: one arriving late (an older `changedAt`) changes nothing.
 */
export interface SendDirectory {
  saveAccount(account: AccountEntry): Promise<void>;
  saveSignature(signature: SignatureEntry): Promise<void>;
  saveTemplate(template: TemplateEntry): Promise<void>;
  lookup(ids: { accountId: string; signatureId: string; templateId: string }): Promise<SendLookup>;
  /** The account alone (whether it may send, when it last changed). */
  accountOf(accountId: string): Promise<AccountEntry | undefined>;
}
