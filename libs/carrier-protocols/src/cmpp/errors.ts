export type CmppProtocolErrorCode =
  /** Total_Length below the header or above the maximum: the stream cannot be resynchronised. */
  | 'CMPP_LENGTH_OUT_OF_RANGE'
  /** A Command_Id this codec does not know. The frame was whole; the stream goes on. */
  | 'CMPP_UNKNOWN_COMMAND'
  /** Total_Length disagrees with the body the command's layout (and its own length fields) call for. */
  | 'CMPP_BAD_BODY_LENGTH'
  /** A field value the layout cannot carry (too long, out of range, not ASCII). */
  | 'CMPP_FIELD_INVALID'
  /** A Msg_Fmt we cannot encode or decode (15, GBK). */
  | 'CMPP_MSG_FMT_UNSUPPORTED';

/** Every CMPP encoding or decoding failure. `fatal` only for a bad Total_Length: nothing after it can be framed. */
export class CmppProtocolError extends Error {
  constructor(
    readonly code: CmppProtocolErrorCode,
    detail: string,
    /** From the header, when there was one: lets the caller answer or log the right PDU. */
    readonly commandId?: number,
    readonly sequenceId?: number,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'CmppProtocolError';
  }

  get fatal(): boolean {
    return this.code === 'CMPP_LENGTH_OUT_OF_RANGE';
  }
}
