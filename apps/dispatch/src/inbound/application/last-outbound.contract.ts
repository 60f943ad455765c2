import type { UnitOfWork } from '@sms/use-case-kit';
import { batchOf } from '../../messages/application/message-read-model.contract';
import type { MessageReadModel } from '../../messages/application/message-read-model';
import type { LastOutboundLookup } from './last-outbound';

/* One behavioural specification of "who last wrote to this number", run by every adapter that answers it. */

export interface LastOutboundFixture {
  lookup: LastOutboundLookup;
  /** Where the sends are recorded (the lookup reads what they hold). */
  messages: MessageReadModel;
  unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

const number = '+8613800138000';
const sent = (batchId: string, messageId: string, accountId: string, acceptedAt: string) => {
  const batch = batchOf(batchId, [messageId], { accountId, signatureId: `sig-${accountId}`, acceptedAt });
  batch.messages[0].phoneNumber = number;
  return batch;
};

export function lastOutboundLookupContract(name: string, factory: () => Promise<LastOutboundFixture>): void {
  describe(`LastOutboundLookup contract: ${name}`, () => {
    let fixture: LastOutboundFixture;
    const write = (work: () => Promise<void>) => fixture.unitOfWork.transaction(work);
    const ask = (notAfter: string, notBefore = '2026-01-01T00:00:00.000Z') => fixture.lookup.lastOutboundTo(number, notAfter, notBefore);

    beforeEach(async () => {
      fixture = await factory();
      await write(() =>
        fixture.messages.insertBatches([
          sent('b-1', 'm-1', 'acc-1', '2026-11-23T10:00:00.000Z'),
          sent('b-2', 'm-2', 'acc-2', '2026-11-23T11:00:00.000Z'),
          sent('b-3', 'm-3', 'acc-3', '2026-11-23T12:00:00.000Z'),
        ]),
      );
    });

    afterEach(async () => {
      await fixture?.close();
    });

    it('answers the newest send to the number accepted in the window', async () => {
      expect(await ask('2026-11-23T12:30:00.000Z')).toEqual({ accountId: 'acc-3', signatureId: 'sig-acc-3', sentAt: '2026-11-23T12:00:00.000Z' });
      expect(await ask('2026-11-23T11:30:00.000Z')).toMatchObject({ accountId: 'acc-2' });
      expect(await ask('2026-11-23T09:00:00.000Z')).toBeUndefined();
      expect(await ask('2026-11-23T12:30:00.000Z', '2026-11-23T12:10:00.000Z')).toBeUndefined();
      expect(await fixture.lookup.lastOutboundTo('+8613900139000', '2026-11-23T12:30:00.000Z', '2026-01-01T00:00:00.000Z')).toBeUndefined();
    });

    it('finds the number in another notation', async () => {
      for (const notation of ['13800138000', '8613800138000', '+86 138-0013-8000']) {
        expect(await fixture.lookup.lastOutboundTo(notation, '2026-11-23T12:30:00.000Z', '2026-01-01T00:00:00.000Z')).toMatchObject({ accountId: 'acc-3' });
      }
    });

    it('passes over messages that never reached the handset: blocked, rejected, cancelled, failed before the operator took them', async () => {
      await write(() =>
        fixture.messages.advance([
          { messageId: 'm-3', status: 'BLOCKED', errorCode: 'CONTENT_BLOCKED' },
          { messageId: 'm-2', status: 'FAILED', errorCode: 'NO_ROUTE' },
        ]),
      );
      expect(await ask('2026-11-23T12:30:00.000Z')).toMatchObject({ accountId: 'acc-1' });
      await write(() => fixture.messages.advance([{ messageId: 'm-2', status: 'SUBMITTED', submittedAt: '2026-11-23T11:00:01.000Z' }]));
      // FAILED after the operator took it (a receipt): it may have reached the handset.
      expect(await ask('2026-11-23T12:30:00.000Z')).toMatchObject({ accountId: 'acc-2' });
    });
  });
}
