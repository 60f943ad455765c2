import { CMPP_VERSION, CmppProtocolError, cmppTextParts, composeCmppMsgId, encodeCmppStatusReport, type CmppDeliver, type CmppVersion } from '@sms/carrier-protocols';
import { cmppReceiptStatus, parseCmppTime, toCmppInboundPart, toCmppReceipt } from './cmpp-deliver';

const MSG_ID = composeCmppMsgId({ month: 11, day: 3, hour: 14, minute: 5, second: 9, gatewayCode: 0x2a2a2a, sequence: 513 });

function deliver(fields: Partial<CmppDeliver>): CmppDeliver {
  return {
    command: 'deliver',
    sequenceId: 7,
    msgId: '42',
    destId: '106900001234',
    serviceId: 'SMS',
    tpPid: 0,
    tpUdhi: 0,
    msgFmt: 0,
    srcTerminalId: '13800138000',
    registeredDelivery: 0,
    msgContent: Buffer.alloc(0),
    ...fields,
  };
}

function report(stat: string, version: CmppVersion = CMPP_VERSION.V3_0): CmppDeliver {
  const msgContent = encodeCmppStatusReport({ msgId: MSG_ID, stat, submitTime: '2611031405', doneTime: '2611031406', destTerminalId: '13800138000', smscSequence: 9 }, version);
  return deliver({ registeredDelivery: 1, msgContent });
}

describe('CMPP status reports as receipts', () => {
  it.each([
    ['DELIVRD', 'DELIVERED'],
    ['EXPIRED', 'EXPIRED'],
    ['UNDELIV', 'UNDELIVERED'],
    ['ACCEPTD', 'ENROUTE'],
    ['DELETED', 'FAILED'],
    ['REJECTD', 'FAILED'],
    ['UNKNOWN', 'FAILED'],
  ])('reads the Stat %s as %s, with no error code', (stat, status) => {
    expect(cmppReceiptStatus(stat)).toEqual({ status, err: '' });
  });

  it("reads an operator's own code as UNDELIVERED and keeps it as the error", () => {
    for (const stat of ['MK:0001', 'MI:0013', 'ID:0076', 'DB:0008']) expect(cmppReceiptStatus(stat)).toEqual({ status: 'UNDELIVERED', err: stat });
  });

  it('reads Done_time on the gateway clock (UTC+8 by default) and refuses impossible dates', () => {
    expect(parseCmppTime('2611031406')).toEqual(new Date(Date.UTC(2026, 10, 3, 6, 6)));
    expect(parseCmppTime('2611031406', 0)).toEqual(new Date(Date.UTC(2026, 10, 3, 14, 6)));
    expect(parseCmppTime('2602301200')).toBeUndefined();
    expect(parseCmppTime('261103140600')).toBeUndefined();
    expect(parseCmppTime('')).toBeUndefined();
  });

  it.each([
    ['3.0', CMPP_VERSION.V3_0],
    ['2.0', CMPP_VERSION.V2_0],
  ] as const)('turns a CMPP %s report into a receipt keyed by the decimal Msg_Id', (_label, version) => {
    expect(toCmppReceipt(report('DELIVRD', version), version)).toEqual({
      operatorMessageId: MSG_ID,
      status: 'DELIVERED',
      stat: 'DELIVRD',
      err: '',
      submitDate: new Date(Date.UTC(2026, 10, 3, 6, 5)),
      doneDate: new Date(Date.UTC(2026, 10, 3, 6, 6)),
    });
    expect(toCmppReceipt(report('MK:0005', version), version)).toMatchObject({ status: 'UNDELIVERED', stat: 'MK:0005', err: 'MK:0005' });
  });

  it('refuses a report of the other version’s length', () => {
    expect(() => toCmppReceipt(report('DELIVRD', CMPP_VERSION.V2_0), CMPP_VERSION.V3_0)).toThrow(CmppProtocolError);
  });
});

describe('CMPP mobile-originated parts', () => {
  const receivedAt = new Date('2026-11-03T06:00:00Z');

  it('reads the sender as E.164 and keeps the SP number it was sent to', () => {
    const [part] = cmppTextParts('STOP');
    expect(toCmppInboundPart(deliver({ ...part }), receivedAt)).toEqual({ from: '+8613800138000', to: '106900001234', text: 'STOP', receivedAt, concat: undefined });
  });

  it('reads UCS-2 and the concatenation UDH of a long reply', () => {
    const text = '退订'.repeat(40);
    const parts = cmppTextParts(text, { reference: 0x33 });
    const read = parts.map((p) => toCmppInboundPart(deliver({ tpUdhi: p.tpUdhi, msgFmt: p.msgFmt, msgContent: p.msgContent }), receivedAt));
    expect(read.map((p) => p.concat)).toEqual([
      { ref: 0x33, total: 2, seq: 1 },
      { ref: 0x33, total: 2, seq: 2 },
    ]);
    expect(read.map((p) => p.text).join('')).toBe(text);
  });

  it('reads GBK (Msg_Fmt 15), which the codec does not, instead of losing the reply', () => {
    const part = toCmppInboundPart(deliver({ msgFmt: 15, msgContent: Buffer.from('cdcbb6a9', 'hex') }), receivedAt);
    expect(part.text).toBe('退订');
    const udh = Buffer.from('050003090201', 'hex');
    expect(toCmppInboundPart(deliver({ msgFmt: 15, tpUdhi: 1, msgContent: Buffer.concat([udh, Buffer.from('c4e3bac3', 'hex')]) }), receivedAt)).toMatchObject({
      text: '你好',
      concat: { ref: 9, total: 2, seq: 1 },
    });
  });
});
