import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CLOCK, type Clock } from '@sms/service-kit';
import { PERSONAL_DATA_DESTROYED } from '@sms/use-case-kit/core';
import type { CarrierState, QueuedMessage } from '../application/carrier-state.port';
import { ChannelMetrics } from '../application/channel-metrics';
import { ChannelSupervisor } from '../application/channel-supervisor';
import { HaltedAccounts } from '../application/halted-accounts';
import type { OperatorChannel } from '../application/operator-channel.port';
import { CARRIER_STATE, OPERATOR_CHANNELS } from '../application/tokens';
import { TokenBucket } from '../domain/channel-health';
import type { ReturnedResult } from '../domain/failover';
import { type PartOutcome, submissionOutcome } from '../domain/outcomes';
import { type CancelReason, cancelledResult } from '../domain/stop-transmission';
import { RecordOutcomesHandler } from '../record-outcomes/handler';
import { RelayOutcomesHandler } from '../relay-outcomes/handler';

/** How often an idle loop looks at the queue anyway; it is woken by new work, so this is a safety net only. */
const IDLE_POLL_MS = 200;
/** How soon a full loop looks again if no freed slot woke it. */
const FULL_POLL_MS = 5;
/** How long the loop waits before reading the queue again after a failed read. */
const READ_RETRY_MS = 500;
/** While a channel's queue is being handed back, how often what came since is looked at (ADR 0018). */
const HAND_BACK_EVERY_MS = 1_000;
/** Queued messages looked at per hand-back step. */
const HAND_BACK_BATCH = 1_000;

/** One channel's part of the loop: its own cursor and capacity, so a channel that is down or held never starves another. */
interface Lane {
  readonly id: string;
  /** Undefined for a channel this adapter does not host: its messages are answered UNKNOWN_CHANNEL. */
  readonly channel?: OperatorChannel;
  /** The last queue position handed to the channel. */
  cursor: number;
  inFlight: number;
  /** While its queue is handed back: when it was last looked at, how far, and what was handed back (kept if it comes back). */
  handingBack: boolean;
  handedBackAt: number;
  handedBackTo: number;
  handedBack: Set<string>;
  bucket?: TokenBucket;
}

/**
 * The submit loop: feeds each channel its queued messages, keeping at most the channel's capacity in flight. Each
 * answer (every segment acknowledged or refused) goes to RecordOutcomesHandler; a message whose channel closed under
 * it while stopping stays queued for the next start, since the operator never refused it.
 *
 * Routing and failover (ADR 0018): every round asks the supervisor for each channel's gate. A held channel (paused or
 * disabled in dispatch, down past its grace period, or the platform in maintenance) is given nothing; a paused,
 * disabled or long-down channel's queue is handed back to dispatch — only what no window holds — to be routed again.
 * A message routed back to the channel it was handed back from (no other serves it) is kept until the channel is open
 * again. A TPS cap is kept with a token bucket per channel.
 */
@Injectable()
export class SubmitQueuedHandler {
  private readonly logger = new Logger('SubmitQueuedHandler');
  private running = false;
  private readonly lanes = new Map<string, Lane>();
  private wakeUp?: () => void;
  private loop?: Promise<void>;

  constructor(
    @Inject(CARRIER_STATE) private readonly state: CarrierState,
    @Inject(OPERATOR_CHANNELS) private readonly channels: ReadonlyMap<string, OperatorChannel>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RecordOutcomesHandler) private readonly outcomes: Pick<RecordOutcomesHandler, 'handle'>,
    @Inject(HaltedAccounts) private readonly halts: Pick<HaltedAccounts, 'reasonFor'>,
    @Optional() @Inject(ChannelSupervisor) private readonly supervisor: ChannelSupervisor = ChannelSupervisor.open(),
    @Optional() @Inject(ChannelMetrics) private readonly metrics: ChannelMetrics = new ChannelMetrics(),
    @Optional() @Inject(RelayOutcomesHandler) private readonly relay?: Pick<RelayOutcomesHandler, 'handle'>,
  ) {
    for (const channel of channels.values()) this.lanes.set(channel.id, newLane(channel.id, channel));
    supervisor.onChange((channelId) => {
      // A channel opened (resumed, enabled, bound again, or maintenance over): what other held channels kept — because
      // nothing else served it when they handed it back — is handed back once more, to be routed there.
      if (channelId === undefined || !supervisor.gate(channelId).hold) for (const lane of this.lanes.values()) if (lane.id !== channelId) reconsider(lane);
      this.handle();
    });
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** New work was queued (for `channelId`, when the caller knows), or capacity freed up: submit what is queued now. */
  handle(channelId?: string): void {
    if (channelId !== undefined && !this.lanes.has(channelId)) this.lanes.set(channelId, newLane(channelId));
    this.wakeUp?.();
  }

  /** Ends the loop; submits in flight settle on their own (their channels close after this). */
  async stop(): Promise<void> {
    this.running = false;
    this.handle();
    await this.loop;
  }

  private async run(): Promise<void> {
    try {
      // Messages routed to a channel this adapter no longer hosts get a lane of their own, answered UNKNOWN_CHANNEL.
      for (const channelId of await this.state.queuedChannels()) if (!this.lanes.has(channelId)) this.lanes.set(channelId, newLane(channelId));
    } catch (error) {
      this.logger.error(`reading the queued channels failed: ${errorText(error)}`);
    }
    while (this.running) {
      let taken = 0;
      let waitMs = IDLE_POLL_MS;
      try {
        for (const lane of this.lanes.values()) {
          if (!this.running) break;
          const round = await this.serve(lane);
          taken += round.taken;
          waitMs = Math.min(waitMs, round.waitMs);
        }
      } catch (error) {
        // A failed read must not end the loop: log, wait, read again (nothing was taken from the queue).
        this.logger.error(`reading the submit queue failed, retrying: ${errorText(error)}`);
        await new Promise((resolve) => setTimeout(resolve, READ_RETRY_MS));
        continue;
      }
      if (taken > 0) continue;
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
        setTimeout(resolve, waitMs);
      });
    }
  }

  /** One round for one channel: hand its queue back if it must, then feed it what its gate, capacity and TPS allow. */
  private async serve(lane: Lane): Promise<{ taken: number; waitMs: number }> {
    if (!lane.channel) {
      // Taking no capacity: every message is answered at once.
      const messages = await this.state.queued(lane.cursor, FULL_BATCH, lane.id);
      if (messages.length > 0) lane.cursor = messages[messages.length - 1].seq;
      for (const queued of messages) this.submit(queued);
      return { taken: messages.length, waitMs: IDLE_POLL_MS };
    }
    const gate = this.supervisor.gate(lane.id);
    if (gate.handBack) await this.handBack(lane, gate.handBack);
    else if (lane.handingBack) endHandingBack(lane);
    if (gate.hold) return { taken: 0, waitMs: IDLE_POLL_MS };
    const room = lane.channel.capacity - lane.inFlight;
    if (room <= 0) return { taken: 0, waitMs: FULL_POLL_MS };
    if (gate.tps > 0 && lane.bucket?.tps !== gate.tps) lane.bucket = new TokenBucket(gate.tps, Date.now());
    if (gate.tps === 0) lane.bucket = undefined;
    const bucket = lane.bucket;
    if (bucket && !bucket.available(Date.now())) return { taken: 0, waitMs: Math.max(1, bucket.waitMs(Date.now())) };
    // Under a TPS cap, a round takes what about 50 ms of it allows, so the bucket rather than the window paces it.
    const limit = bucket ? Math.min(room, Math.max(1, Math.ceil(bucket.tps / 20))) : room;
    const messages = await this.state.queued(lane.cursor, limit, lane.id);
    if (messages.length === 0) return { taken: 0, waitMs: IDLE_POLL_MS };
    lane.cursor = messages[messages.length - 1].seq;
    for (const queued of messages) {
      bucket?.take(queued.segments, Date.now());
      this.submit(queued, lane);
    }
    return { taken: messages.length, waitMs: 0 };
  }

  /**
   * Hands back what waits for the channel beyond what it was given (never a message in a window: it may be
   * submitted yet), at most once a second, each position looked at once while the channel stays closed. What dispatch
   * routes back here (no other channel serves it) is kept: it waits until the channel opens again.
   */
  private async handBack(lane: Lane, reason: ReturnedResult['reason']): Promise<void> {
    const now = Date.now();
    if (lane.handingBack && now - lane.handedBackAt < HAND_BACK_EVERY_MS) return;
    lane.handingBack = true;
    lane.handedBackAt = now;
    let count = 0;
    for (;;) {
      const after = Math.max(lane.cursor, lane.handedBackTo);
      const { returned, lastSeq } = await this.state.returnQueued(lane.id, after, HAND_BACK_BATCH, [...lane.handedBack], reason, this.clock.now().toISOString());
      for (const r of returned) lane.handedBack.add(r.messageId);
      count += returned.length;
      if (lastSeq === undefined) break;
      lane.handedBackTo = lastSeq;
    }
    if (count > 0) {
      this.logger.warn(`channel ${lane.id}: ${count} queued message(s) handed back to be routed again (${reason})`);
      this.relay?.handle();
    }
  }

  private submit(message: QueuedMessage, lane?: Lane): void {
    // Its account was halted after the message was handed out (ADR 0023): it goes to no window, it is cancelled.
    const halted = this.halts.reasonFor(message.accountId);
    if (halted !== undefined) {
      this.cancel(message, halted);
      return;
    }
    const channel = lane?.channel;
    if (!lane || !channel) {
      this.finish(message, [{ seq: 1, error: { code: 'UNKNOWN_CHANNEL' } }]);
      return;
    }
    // Its account was erased (its data key destroyed) while it waited: there is no number or text left to send.
    if (message.phoneNumber === PERSONAL_DATA_DESTROYED || message.text === PERSONAL_DATA_DESTROYED) {
      this.finish(message, [{ seq: 1, error: { code: 'DATA_ERASED' } }]);
      return;
    }
    lane.inFlight++;
    const startedAt = performance.now();
    channel
      .submit({ to: message.phoneNumber, text: message.text, registeredDelivery: true, ...(message.sourceExtension ? { sourceExtension: message.sourceExtension } : {}) })
      .then(
        (outcome) => {
          this.metrics.answered(lane.id, performance.now() - startedAt, outcome.parts.length, outcome.parts.filter((p) => p.error).length, Date.now());
          this.finish(message, outcome.parts.map((p) => ({ seq: p.seq, operatorMessageId: p.operatorMessageId, error: p.error && { code: p.error.code } })));
        },
        (error) => {
          if (this.running) this.finish(message, [{ seq: 1, error: { code: error?.code ?? 'SUBMIT_ERROR' } }]);
        },
      )
      .finally(() => {
        lane.inFlight--;
        this.handle();
      });
  }

  private cancel(message: QueuedMessage, reason: CancelReason): void {
    this.outcomes.handle({ kind: 'submission', channelId: message.channelId, result: cancelledResult(message, reason, this.clock.now().toISOString()) });
  }

  private finish(message: QueuedMessage, parts: PartOutcome[]): void {
    this.outcomes.handle({
      kind: 'submission',
      channelId: message.channelId,
      result: {
        messageId: message.messageId,
        batchId: message.batchId,
        accountId: message.accountId,
        submittedAt: this.clock.now().toISOString(),
        ...submissionOutcome(parts),
      },
    });
  }
}

/** Messages of an unhosted channel answered per round. */
const FULL_BATCH = 1_000;

const newLane = (id: string, channel?: OperatorChannel): Lane => ({ id, channel, cursor: 0, inFlight: 0, handingBack: false, handedBackAt: 0, handedBackTo: 0, handedBack: new Set() });

/** The channel is open again: what it handed back is routed as dispatch decides, and a later closing starts afresh. */
/** Forgets what the lane handed back and kept, so its next look hands back everything that waits again. */
function reconsider(lane: Lane): void {
  if (!lane.handingBack) return;
  lane.handedBackAt = 0;
  lane.handedBackTo = 0;
  lane.handedBack.clear();
}

function endHandingBack(lane: Lane): void {
  lane.handingBack = false;
  lane.handedBackTo = 0;
  lane.handedBack.clear();
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
