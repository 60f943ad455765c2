import type { EventEmitter } from 'node:events';
import { DelayQueue } from './delay-queue';
import type { FaultPlan } from './fault-plan';
import type { SimPeer } from './sim-peer';

/** One submit between its arrival and its answer. */
export interface SubmitJob<P, S> {
  readonly peer: P;
  readonly pdu: S;
  /** The answer's status (SMPP command_status, CMPP Result): 0 when accepted. */
  readonly status: number;
  /** The id given to an accepted submit. */
  readonly id: string | undefined;
  readonly acceptedAt: number;
  /** The connection is dropped right after this answer (`dropConnectionAfter`). */
  readonly drop: boolean;
}

/** What a protocol tells the desk. */
export interface SubmitProtocol<P, S> {
  /** The answer's status for a throttled submit (SMPP 0x58, CMPP Result 8) and a failed one. */
  readonly throttledStatus: number;
  readonly failedStatus: number;
  /** A fresh id for an accepted submit. */
  assignId(acceptedAt: number): string;
  /** The submit's answer, encoded. */
  answer(job: SubmitJob<P, S>): Buffer;
  /** What an accepted submit brings (receipts, an MO reply), once its answer is written or, with `receiptBeforeResponse`, just before. */
  accepted(job: SubmitJob<P, S>, id: string): void;
  /** What the 'submit' event carries. */
  observe(job: SubmitJob<P, S>): unknown;
}

export interface SubmitDeskOptions {
  latencyMs?: number;
  receiptBeforeResponse?: boolean;
}

/**
 * Takes each submit from its arrival to its answer, the same for both simulators: the fault plan's verdict, an id,
 * the 'submit' event (built only while someone listens), the answer after `latencyMs`, the drop after it, and what an
 * accepted submit brings — only once its answer is written, unless receipts come first.
 */
export class SubmitDesk<P extends SimPeer<unknown>, S> {
  private readonly responses = new DelayQueue<SubmitJob<P, S>>((job) => this.respond(job));

  constructor(
    private readonly faults: FaultPlan,
    private readonly protocol: SubmitProtocol<P, S>,
    private readonly events: EventEmitter,
    private readonly options: SubmitDeskOptions,
  ) {}

  receive(peer: P, pdu: S): void {
    const drop = this.faults.arrive(peer);
    const acceptedAt = Date.now();
    const outcome = this.faults.outcome();
    const status = outcome === 'accepted' ? 0 : outcome === 'throttled' ? this.protocol.throttledStatus : this.protocol.failedStatus;
    const id = outcome === 'accepted' ? this.protocol.assignId(acceptedAt) : undefined;
    const job: SubmitJob<P, S> = { peer, pdu, status, id, acceptedAt, drop };
    if (this.events.listenerCount('submit') > 0) this.events.emit('submit', this.protocol.observe(job));

    const latency = this.options.latencyMs ?? 0;
    if (latency > 0) this.responses.push(job, latency);
    else this.respond(job);
  }

  /** Answers still waiting for their latency are never written. */
  close(): void {
    this.responses.clear();
  }

  private respond(job: SubmitJob<P, S>): void {
    const { peer, id } = job;
    peer.inFlight--;
    if (peer.closed) return; // the client never learns the answer and will submit again
    const response = this.protocol.answer(job);
    const early = this.options.receiptBeforeResponse === true && job.status === 0 && id !== undefined;
    if (early) this.protocol.accepted(job, id);
    let sent: boolean;
    if (job.drop) {
      this.faults.counters.drops++;
      sent = peer.write(response, () => peer.destroy());
      if (!sent) peer.destroy();
    } else {
      sent = peer.write(response);
    }
    // A submit whose answer could not be written counts as never accepted: no receipt, no MO.
    if (early || !sent || job.status !== 0 || !id) return;
    this.protocol.accepted(job, id);
  }
}
