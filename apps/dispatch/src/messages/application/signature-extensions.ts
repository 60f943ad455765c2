/** A signature's extension code and whose it is. */
export interface SignatureExtension {
  signatureId: string;
  accountId: string;
  extension: string;
}

/**
 * The extension codes of approved signatures (port; in dispatch's SQLite file beside the send directory). A code is
 * allocated once, from a counter that only goes up (extensionCode), and kept: it is never given to another signature,
 * not even after its account was erased — erasure only retires it, so replies to it are no longer anyone's.
 * Writes run in the caller's unit of work.
 */
export interface SignatureExtensions {
  /** The signature's code, allocating the next one the first time; undefined once every code was handed out. */
  allocate(signature: { signatureId: string; accountId: string; at: string }): Promise<string | undefined>;
  /** The code a send with this signature goes out with (retired or not: it never changes). */
  extensionOf(signatureId: string): Promise<string | undefined>;
  /** The codes of several signatures at once (a page of messages), by signature id. */
  extensionsOf(signatureIds: string[]): Promise<Map<string, string>>;
  /** Whose code this is; undefined for a code never handed out, or retired. */
  ownerOf(extension: string): Promise<SignatureExtension | undefined>;
  /** Erasure of an account (ADR 0017): its codes stop routing replies, and stay taken. Answers how many it retired. */
  retire(accountId: string): Promise<number>;
}
