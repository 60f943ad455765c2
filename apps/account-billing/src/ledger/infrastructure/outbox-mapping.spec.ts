import { ACCOUNT_STATUS_CHANGED_V1, DATA_ERASED_V1, FUNDS_RESERVED_V1, INTERNAL_TOPICS } from '@sms/contracts';
import type { RecordedEvent } from '@sms/event-store';
import { accountBillingCodec } from '../../account-billing.codec';
import type { AccountEvent } from '../domain/account.events';
import { REFUSED_RESERVATION_EVENT_TYPE } from '../domain/refused-reservations';
import { toIntegrationEvents } from './outbox-mapping';

const recorded = (streamName: string, encoded: { type: string; data: unknown }, id = '6f1c0f3e-0000-5000-8000-000000000001'): RecordedEvent => ({
  id,
  type: encoded.type,
  data: encoded.data,
  streamName,
  revision: 3n,
  position: 42n,
  metadata: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
  created: new Date('2025-03-01T08:00:00.000Z'),
});
const at = '2025-03-01T08:00:00.000Z';

describe('outbox mapping', () => {
  it('publishes AccountOpened as sms.account-status-changed.v1 ACTIVE on the accounts topic', () => {
    const event: AccountEvent = { type: 'AccountOpened', data: { accountId: 'a1', name: 'n', contactEmail: 'e@x.test', currency: 'CNY', openedAt: at } };
    const [message] = toIntegrationEvents(recorded('account-a1', accountBillingCodec.encode(event)));
    expect(message.topic).toBe(INTERNAL_TOPICS.accounts);
    expect(message.event).toMatchObject({
      id: '6f1c0f3e-0000-5000-8000-000000000001',
      type: ACCOUNT_STATUS_CHANGED_V1,
      key: 'a1',
      data: { accountId: 'a1', status: 'ACTIVE', currency: 'CNY', changedAt: at },
      extensions: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    });
  });

  it('publishes FundsReserved as sms.funds-reserved.v1 with every message once and amounts as integers', () => {
    const event: AccountEvent = {
      type: 'FundsReserved',
      data: {
        batchId: 'b1',
        items: [{ messageId: 'm1', segments: 2, unitPriceMinor: 450n, amountMinor: 900n }],
        rejected: [{ messageId: 'm2', code: 'INSUFFICIENT_BALANCE', detail: 'd' }],
        totalMinor: 900n,
        reservedAt: at,
      },
    };
    const [message] = toIntegrationEvents(recorded('account-0b7c-uuid', accountBillingCodec.encode(event)));
    expect(message.topic).toBe(INTERNAL_TOPICS.fundsReserved);
    expect(message.event.type).toBe(FUNDS_RESERVED_V1);
    expect(message.event.key).toBe('0b7c-uuid');
    expect(message.event.data).toEqual({
      batchId: 'b1',
      accountId: '0b7c-uuid',
      reservedAt: at,
      reserved: [{ messageId: 'm1', segments: 2, unitPriceMinor: 450, amountMinor: 900 }],
      rejected: [{ messageId: 'm2', code: 'INSUFFICIENT_BALANCE', detail: 'd' }],
    });
  });

  it('publishes a refused reservation for an unknown account as all-rejected', () => {
    const data = { accountId: 'ghost', batchId: 'b1', rejected: [{ messageId: 'm1', code: 'ACCOUNT_NOT_FOUND', detail: 'No such account.' }], refusedAt: at };
    const [message] = toIntegrationEvents(recorded('billing-refused-reservations', { type: REFUSED_RESERVATION_EVENT_TYPE, data }));
    expect(message.event).toMatchObject({ type: FUNDS_RESERVED_V1, key: 'ghost', data: { batchId: 'b1', accountId: 'ghost', reserved: [], rejected: data.rejected } });
  });

  it('publishes an erasure as sms.data-erased.v1 on the erasure topic, keyed by account, for every process to act on', () => {
    const all: AccountEvent = { type: 'AccountDataErased', data: { scope: 'account', reason: 'REQ-7', erasedBy: 'ak_op', erasedAt: at } };
    const [message] = toIntegrationEvents(recorded('account-a1', accountBillingCodec.encode(all)));
    expect(message.topic).toBe(INTERNAL_TOPICS.dataErasure);
    expect(message.event).toMatchObject({ type: DATA_ERASED_V1, key: 'a1', data: { accountId: 'a1', scope: 'account', reason: 'REQ-7', erasedBy: 'ak_op', erasedAt: at } });
    expect(message.event.data).not.toHaveProperty('before');
    const old: AccountEvent = { type: 'AccountDataErased', data: { scope: 'retention', before: '2025-01-01T00:00:00.000Z', reason: 'retention', erasedBy: 'retention', erasedAt: at } };
    expect(toIntegrationEvents(recorded('account-a1', accountBillingCodec.encode(old)))[0].event.data).toMatchObject({ scope: 'retention', before: '2025-01-01T00:00:00.000Z' });
    const period: AccountEvent = { type: 'RetentionPeriodSet', data: { days: 30, setBy: 'ak_op', setAt: at } };
    expect(toIntegrationEvents(recorded('account-a1', accountBillingCodec.encode(period)))).toEqual([]);
  });

  it('publishes nothing for deposits and settlements', () => {
    const deposit: AccountEvent = { type: 'FundsDeposited', data: { amountMinor: 1n, reference: 'r', depositedAt: at } };
    expect(toIntegrationEvents(recorded('account-a1', accountBillingCodec.encode(deposit)))).toEqual([]);
    const captured: AccountEvent = { type: 'FundsCaptured', data: { batchKey: 'k', items: [{ messageId: 'm1', segments: 1, amountMinor: 450n, releasedMinor: 0n }], capturedMinor: 450n, releasedMinor: 0n, capturedAt: at } };
    expect(toIntegrationEvents(recorded('account-a1', accountBillingCodec.encode(captured)))).toEqual([]);
  });

  it('publishes nothing for a type the codec does not know (written by a newer version)', () => {
    expect(toIntegrationEvents(recorded('account-a1', { type: 'account-billing.Future.v1', data: {} }))).toEqual([]);
  });
});
