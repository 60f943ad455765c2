import { DatabaseSync } from 'node:sqlite';
import { DispatchStore } from './dispatch-store';
import type { BatchAccepted } from '../domain/events';

const batch: BatchAccepted = {
  batchId: 'b-1',
  accountId: 'acc-1',
  kind: 'notification',
  signatureId: 'sig-1',
  templateId: 'tpl-1',
  acceptedAt: '2026-11-23T10:00:00.000Z',
  messages: ['m-1', 'm-2', 'm-3'].map((messageId, i) => ({
    messageId,
    phoneNumber: `+861380013800${i}`,
    countryCode: 'CN',
    operator: 'CMCC',
    segments: 1,
    encoding: 'ucs2',
    text: '【阿里云】您好',
  })),
  rejected: [],
};

describe('DispatchStore (SQLite read model)', () => {
  let store: DispatchStore;

  beforeEach(() => {
    store = new DispatchStore(new DatabaseSync(':memory:'));
    store.insertBatch(batch);
  });

  it('moves statuses forward and records their details', () => {
    store.advanceMany([
      { messageId: 'm-1', status: 'QUEUED', channelId: 'smpp-default' },
      { messageId: 'm-2', status: 'REJECTED', errorCode: 'INSUFFICIENT_BALANCE', errorDetail: 'not enough' },
    ]);
    store.advanceMany([{ messageId: 'm-1', status: 'SUBMITTED', operatorMessageIds: ['op-1', 'op-2'], submittedAt: '2026-11-23T10:00:01.000Z' }]);
    expect(store.message('m-1')).toMatchObject({ status: 'SUBMITTED', channel_id: 'smpp-default', operator_message_ids: '["op-1","op-2"]', submitted_at: '2026-11-23T10:00:01.000Z' });
    expect(store.message('m-2')).toMatchObject({ status: 'REJECTED', error_code: 'INSUFFICIENT_BALANCE', error_detail: 'not enough' });
    expect(store.message('m-3')).toMatchObject({ status: 'ACCEPTED', error_code: null });
  });

  it('never moves a status back, but a late event still fills in what it knows', () => {
    // The receipt overtakes the submit acknowledgement.
    store.advanceMany([{ messageId: 'm-1', status: 'DELIVERED', doneAt: '2026-11-23T10:00:02.000Z' }]);
    store.advanceMany([{ messageId: 'm-1', status: 'SUBMITTED', operatorMessageIds: ['op-1'], submittedAt: '2026-11-23T10:00:01.000Z', errorCode: 'LATE' }]);
    expect(store.message('m-1')).toMatchObject({
      status: 'DELIVERED',
      done_at: '2026-11-23T10:00:02.000Z',
      submitted_at: '2026-11-23T10:00:01.000Z',
      operator_message_ids: '["op-1"]',
      error_code: null,
    });
  });

  it('keeps a final status final', () => {
    store.advanceMany([{ messageId: 'm-3', status: 'BLOCKED', errorCode: 'CONTENT_BLOCKED' }]);
    store.advanceMany([{ messageId: 'm-3', status: 'QUEUED', channelId: 'smpp-default' }]);
    expect(store.message('m-3')).toMatchObject({ status: 'BLOCKED', error_code: 'CONTENT_BLOCKED' });
  });

  it('reads many rows at once and ignores unknown ids', () => {
    const rows = store.messages(['m-1', 'm-3', 'nope']);
    expect([...rows.keys()].sort()).toEqual(['m-1', 'm-3']);
  });
});
