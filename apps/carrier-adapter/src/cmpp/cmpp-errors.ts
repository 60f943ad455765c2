import { cmppConnectStatusName } from './cmpp-status';

/** A submit could not complete because the session was closed (or never connected). */
export class CmppSessionClosedError extends Error {
  readonly code = 'CMPP_SESSION_CLOSED';
  constructor(message = 'CMPP session is closed') {
    super(message);
    this.name = 'CmppSessionClosedError';
  }
}

/** The ISMG refused CMPP_CONNECT (unknown SP id, wrong shared secret, a version it cannot speak). */
export class CmppConnectError extends Error {
  /** `CMPP_CONNECT_3` */
  readonly code: string;
  /** `AUTHENTICATION_FAILED` */
  readonly statusName: string;
  constructor(readonly status: number) {
    const name = cmppConnectStatusName(status);
    super(`CMPP connect refused: ${name} (Status ${status})`);
    this.name = 'CmppConnectError';
    this.code = `CMPP_CONNECT_${status}`;
    this.statusName = name;
  }
}
