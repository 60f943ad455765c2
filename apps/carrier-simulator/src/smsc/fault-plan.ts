import { isFaultHit, type FaultRate } from './fault-rate';
import type { SimPeer } from './sim-peer';

/** The knobs both simulators share (their options carry them under these names). */
export interface FaultOptions {
  throttleRate?: FaultRate;
  submitFailRate?: FaultRate;
  undeliveredRate?: FaultRate;
  dropConnectionAfter?: number;
  hangAfter?: number;
  moEvery?: number;
  receiptDelayMs?: number;
  receiptJitterMs?: number;
  random?: () => number;
}

export type SubmitOutcome = 'accepted' | 'throttled' | 'failed';

/** The submit side of both simulators' stats. */
export interface SubmitCounters {
  submits: number;
  accepted: number;
  throttled: number;
  failed: number;
  /** Connections dropped by `dropConnectionAfter` (counted when the last answer is written). */
  drops: number;
  hangs: number;
  maxInFlight: number;
}

/**
 * Decides what the fault knobs do to each submit, in the order the simulators have always drawn them (throttle, then
 * failure, then — once accepted — undelivered), and counts it. No timers, no I/O.
 */
export class FaultPlan {
  readonly counters: SubmitCounters = { submits: 0, accepted: 0, throttled: 0, failed: 0, drops: 0, hangs: 0, maxInFlight: 0 };
  private readonly draws = { throttleRate: 0, submitFailRate: 0, undeliveredRate: 0 };
  private readonly random: () => number;

  constructor(private readonly options: FaultOptions) {
    this.random = options.random ?? Math.random;
  }

  /** A submit the peer may not make at all (an SMPP receiver bind): counted, nothing drawn. */
  refused(): void {
    this.counters.submits++;
  }

  /**
   * A submit arrives on `peer`: counted there and here. Returns whether the connection is to be dropped once it is
   * answered; a drop or a hang makes the peer leave, so nothing more from it is read.
   */
  arrive(peer: SimPeer<unknown>): boolean {
    this.counters.submits++;
    const n = ++peer.submitsOnConnection;
    const dropAfter = this.options.dropConnectionAfter ?? 0;
    const drop = dropAfter > 0 && n >= dropAfter;
    const hangAfter = this.options.hangAfter ?? 0;
    const hang = hangAfter > 0 && n >= hangAfter;
    if (drop || hang) peer.leaving = true;
    if (hang && !drop) this.counters.hangs++;
    if (++peer.inFlight > this.counters.maxInFlight) this.counters.maxInFlight = peer.inFlight;
    return drop;
  }

  /** Throttled, else failed, else accepted. */
  outcome(): SubmitOutcome {
    if (this.hit('throttleRate')) {
      this.counters.throttled++;
      return 'throttled';
    }
    if (this.hit('submitFailRate')) {
      this.counters.failed++;
      return 'failed';
    }
    this.counters.accepted++;
    return 'accepted';
  }

  /** Whether an accepted submit's receipt says UNDELIV (drawn whether or not a receipt was asked for). */
  undelivered(): boolean {
    return this.hit('undeliveredRate');
  }

  /** How long after its answer a receipt goes: `receiptDelayMs` plus up to `receiptJitterMs` at random. */
  receiptDelayMs(): number {
    const jitter = this.options.receiptJitterMs ?? 0;
    return (this.options.receiptDelayMs ?? 0) + (jitter > 0 ? Math.floor(this.random() * jitter) : 0);
  }

  /** Whether the submit just accepted is one of every `moEvery` that bring an MO reply. */
  moDue(): boolean {
    const every = this.options.moEvery ?? 0;
    return every > 0 && this.counters.accepted % every === 0;
  }

  private hit(kind: 'throttleRate' | 'submitFailRate' | 'undeliveredRate'): boolean {
    return isFaultHit(this.options[kind], ++this.draws[kind], this.random);
  }
}
