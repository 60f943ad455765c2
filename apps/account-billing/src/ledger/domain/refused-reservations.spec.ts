import { DeciderSpecification } from '@sms/use-case-kit/core';
import { refusedReservationsDecider } from './refused-reservations';

const AT = new Date('2025-03-01T08:00:00.000Z');
const spec = DeciderSpecification.for(refusedReservationsDecider);

describe('refused reservations decider', () => {
  it('answers every cleared message of a batch for an unknown account once, ACCOUNT_NOT_FOUND', () => {
    spec
      .given([])
      .when({ type: 'RefuseReservations', accountId: 'ghost', batchId: 'b1', messageIds: ['m1', 'm2', 'm1'], at: AT })
      .then([
        {
          type: 'ReservationRefused',
          data: {
            accountId: 'ghost',
            batchId: 'b1',
            rejected: [
              { messageId: 'm1', code: 'ACCOUNT_NOT_FOUND', detail: 'No such account.' },
              { messageId: 'm2', code: 'ACCOUNT_NOT_FOUND', detail: 'No such account.' },
            ],
            refusedAt: AT.toISOString(),
          },
        },
      ]);
  });

  it('has nothing to answer for a batch without cleared messages', () => {
    spec.given([]).when({ type: 'RefuseReservations', accountId: 'ghost', batchId: 'b1', messageIds: [], at: AT }).thenNothing();
  });
});
