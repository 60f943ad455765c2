import { InMemoryEventStore } from '@sms/event-store';
import { dispatchCodec } from '../../dispatch.codec';
import { accountLookup, fixedDirectory, InMemoryMessageReadModel, InMemoryReadModelDatabase, InMemoryScheduledBatches } from '../../test-support';
import { batchCommandHandler, type Batches } from '../application/batches';
import { batchOf } from '../application/message-read-model.contract';
import type { SendLookup } from '../application/send-directory';
import { SubmissionBacklog } from '../application/submission-backlog';
import { batchStream } from '../domain/events';
import { ReleaseScheduledHandler } from './handler';

const dueAt = '2026-11-24T09:00:00.000Z';

describe('ReleaseScheduledHandler', () => {
  let store: InMemoryEventStore;
  let batches: Batches;
  let messages: InMemoryMessageReadModel;
  let scheduled: InMemoryScheduledBatches;
  let now: Date;
  let backlog: SubmissionBacklog;
  const handler = (lookup: SendLookup = accountLookup('acc-1')) =>
    new ReleaseScheduledHandler(batches, new InMemoryReadModelDatabase(), messages, scheduled, fixedDirectory(lookup), { now: () => now }, backlog);

  beforeEach(async () => {
    store = new InMemoryEventStore();
    batches = batchCommandHandler(store, dispatchCodec);
    messages = new InMemoryMessageReadModel();
    scheduled = new InMemoryScheduledBatches();
    backlog = new SubmissionBacklog({ limit: 100, maxWaitMs: 0, ttlMs: 60_000 });
    now = new Date('2026-11-24T08:59:59.999Z');
    const batch = batchOf('b-1', ['m-1', 'm-2'], { scheduledAt: dueAt });
    await batches.handle(batchStream('b-1'), () => ({ ok: true, events: [{ type: 'BatchAccepted', data: batch }] }));
    await messages.insertBatches([batch]);
    await scheduled.plan([{ batchId: 'b-1', accountId: 'acc-1', dueAt }]);
  });

  const types = async () => (await store.readStream(batchStream('b-1'))).map((e) => e.type);

  it('releases nothing before its time, then the batch once when it is due: ACCEPTED, off the schedule, counted in the backlog', async () => {
    expect(await handler().releaseDue()).toBe(0);
    expect((await messages.find('m-1'))?.status).toBe('SCHEDULED');
    now = new Date(dueAt);
    expect(await handler().releaseDue()).toBe(1);
    expect(await types()).toEqual(['dispatch.BatchAccepted.v2', 'dispatch.BatchReleased.v1']);
    expect([(await messages.find('m-1'))?.status, (await messages.find('m-2'))?.status]).toEqual(['ACCEPTED', 'ACCEPTED']);
    expect(await scheduled.nextDueAt()).toBeUndefined();
    expect(backlog.size).toBe(2);
    // The row back (a crash before it was removed): the stream says released, so nothing is appended again.
    await scheduled.plan([{ batchId: 'b-1', accountId: 'acc-1', dueAt }]);
    expect(await handler().releaseDue()).toBe(1);
    expect(await types()).toHaveLength(2);
  });

  it('cancels instead of releasing when the account was halted meanwhile', async () => {
    now = new Date(dueAt);
    await handler(accountLookup('acc-1', 'FROZEN')).releaseDue();
    expect(await types()).toEqual(['dispatch.BatchAccepted.v2', 'dispatch.MessagesCancelled.v1', 'dispatch.BatchReleased.v1']);
    expect(await messages.find('m-1')).toMatchObject({ status: 'CANCELLED', errorCode: 'ACCOUNT_FROZEN' });
    expect(backlog.size).toBe(0);
  });
});
