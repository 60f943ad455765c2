import { commandStatusCode, commandStatusName } from '@sms/carrier-protocols';

/** A submit could not complete because the session was closed (or never bound). */
export class SmppSessionClosedError extends Error {
  readonly code = 'SMPP_SESSION_CLOSED';
  constructor(message = 'SMPP session is closed') {
    super(message);
    this.name = 'SmppSessionClosedError';
  }
}

/** The SMSC refused the bind (wrong system_id/password, not allowed, already bound). */
export class SmppBindError extends Error {
  readonly code: string;
  constructor(readonly commandStatus: number) {
    super(`SMPP bind refused: ${commandStatusName(commandStatus)} (0x${commandStatus.toString(16).padStart(2, '0')})`);
    this.name = 'SmppBindError';
    this.code = commandStatusCode(commandStatus);
  }
}
