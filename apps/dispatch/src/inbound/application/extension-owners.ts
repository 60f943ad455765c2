import type { ExtensionOwner } from '../domain/decide-inbound';

/**
 * "Whose extension code is this?" — the first question routing a reply asks (port). Answered where the codes are
 * allocated, beside the send directory (SignatureExtensions): a retired code (its account erased) is no one's.
 */
export interface ExtensionOwners {
  ownerOf(extension: string): Promise<ExtensionOwner | undefined>;
}
