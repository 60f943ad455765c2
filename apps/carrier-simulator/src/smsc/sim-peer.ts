/**
 * What the SMPP and CMPP simulators keep per connection alike; each protocol's peer adds its login state and how
 * it writes.
 */
export abstract class SimPeer<D> {
  /** The account the peer logged in as (SMPP system_id, CMPP Source_Addr); '' before. Deliveries are routed by it. */
  account = '';
  closed = false;
  /** Set once the connection is being torn down or hangs on purpose: later PDUs are ignored. */
  leaving = false;
  submitsOnConnection = 0;
  /** Submits received and not yet answered. */
  inFlight = 0;
  /** Deliveries written and not yet answered, by the sequence number they went out with. */
  readonly unacked = new Map<number, D>();

  /** Whether receipts and MO may be written to this connection now. */
  abstract get canReceive(): boolean;

  /** Writes encoded bytes; false when the connection can take nothing more. */
  abstract write(bytes: Buffer, onSent?: () => void): boolean;

  abstract destroy(): void;
}

/** A receipt (CMPP: a status report) or an MO on its way to a peer; each protocol adds its PDU. */
export interface Delivery<P> {
  kind: 'receipt' | 'mo';
  /** The account it is for; undefined = any receiving peer. */
  account: string | undefined;
  /** Tried first while it can receive: the submitting connection. Forgotten when the delivery goes out again. */
  preferred?: P;
  /** Told once: acknowledged (no argument), refused or given up (an Error). */
  settle?: (error?: Error) => void;
}
