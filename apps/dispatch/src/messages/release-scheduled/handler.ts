import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { accountHaltCode } from '@sms/contracts';
import { CLOCK, type Clock } from '@sms/service-kit';
import { accept, type ReadModelDatabase } from '@sms/use-case-kit';
import type { Batches } from '../application/batches';
import type { MessageReadModel } from '../application/message-read-model';
import type { ScheduledBatch, ScheduledBatches } from '../application/scheduled-batches';
import type { SendDirectory } from '../application/send-directory';
import { SubmissionBacklog } from '../application/submission-backlog';
import { BATCHES, DISPATCH_DATABASE, MESSAGE_READ_MODEL, SCHEDULED_BATCHES, SEND_DIRECTORY, SUBMISSION_BACKLOG } from '../application/tokens';
import { batchStream } from '../domain/events';
import { cancellationUpdates, decideRelease } from '../domain/hold-and-cancel';
import type { StatusUpdate } from '../domain/message-status';

/** Batches released per round; a round that fills it is followed at once by another. */
const RELEASE_ROUND = 100;
/** How often the schedule is looked at: a scheduled batch goes out at most this late. */
export const RELEASE_POLL_MS = 500;

/**
 * Sends scheduled batches when their time comes. The schedule is a projection in the read-model file (so a restart
 * finds it); the release is decided on the batch stream (decideRelease: once, and never for what was cancelled), and
 * the released messages go downstream from the outbox like any accepted batch. The statuses and the schedule row follow
 * from the stream's state, so a crash between the append and them is repaired by the next round.
 */
@Injectable()
export class ReleaseScheduledHandler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReleaseScheduled');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(BATCHES) private readonly batches: Batches,
    @Inject(DISPATCH_DATABASE) private readonly db: ReadModelDatabase,
    @Inject(MESSAGE_READ_MODEL) private readonly messages: MessageReadModel,
    @Inject(SCHEDULED_BATCHES) private readonly scheduled: ScheduledBatches,
    @Inject(SEND_DIRECTORY) private readonly directory: SendDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(SUBMISSION_BACKLOG) private readonly backlog: SubmissionBacklog = SubmissionBacklog.unbounded(),
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Releases every batch due now; answers how many it released. */
  async releaseDue(): Promise<number> {
    let released = 0;
    for (;;) {
      const due = await this.scheduled.due(this.clock.now().toISOString(), RELEASE_ROUND);
      for (const batch of due) await this.release(batch);
      released += due.length;
      if (due.length < RELEASE_ROUND || this.stopped) return released;
    }
  }

  private async release(scheduled: ScheduledBatch): Promise<void> {
    const account = await this.directory.accountOf(scheduled.accountId);
    const halt = accountHaltCode(account?.status);
    const at = this.clock.now().toISOString();
    const halted = halt ? { code: halt, detail: `The account is ${account?.status.toLowerCase()}` } : undefined;
    const result = await this.batches.handle(batchStream(scheduled.batchId), (state) => accept(...decideRelease(state, at, halted)));
    if (!result.ok) throw new Error(`Releasing batch ${scheduled.batchId} was refused: ${result.rejection.code}`);
    const batch = result.state.accepted;
    const ids = batch?.messages.map((m) => m.messageId) ?? [];
    const { cancelled } = cancellationUpdates(result.state, ids);
    const accepted: StatusUpdate[] = ids.filter((id) => !result.state.cancelled.has(id)).map((messageId) => ({ messageId, status: 'ACCEPTED' }));
    await this.db.transaction(async () => {
      await this.messages.advance([...accepted, ...cancelled]);
      await this.scheduled.remove([scheduled.batchId]);
    });
    // Counted now, not when accepted: a batch waiting for its time is not waiting for an operator.
    if (result.events.some((e) => e.type === 'BatchReleased') && accepted.length > 0) this.backlog.accepted(scheduled.batchId, accepted.length);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.releaseDue()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error(`releasing scheduled batches failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => this.schedule(RELEASE_POLL_MS));
    }, delayMs);
    this.timer.unref();
  }
}
