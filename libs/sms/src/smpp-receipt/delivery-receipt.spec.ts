import { formatDeliveryReceipt, formatReceiptDate, parseDeliveryReceipt, parseReceiptDate } from './delivery-receipt';

const submitDate = new Date(Date.UTC(2025, 0, 31, 23, 59));
const doneDate = new Date(Date.UTC(2025, 1, 1, 0, 5));

describe('formatDeliveryReceipt', () => {
  it('writes the standard receipt text with padded counters, UTC dates and the first 20 characters', () => {
    const text = formatDeliveryReceipt({
      id: '0123456789',
      sub: 1,
      dlvrd: 1,
      submitDate,
      doneDate,
      stat: 'DELIVRD',
      err: 0,
      text: 'Your code is 123456, valid for 5 minutes',
    });
    expect(text).toBe(
      'id:0123456789 sub:001 dlvrd:001 submit date:2501312359 done date:2502010005 stat:DELIVRD err:000 text:Your code is 123456,',
    );
  });

  it('defaults counters to one part and err to 000, and counts characters not UTF-16 units in text', () => {
    const text = formatDeliveryReceipt({ id: 'a1', submitDate, doneDate, stat: 'undeliv', text: '😀'.repeat(25) });
    expect(text).toContain('sub:001 dlvrd:001');
    expect(text).toContain('stat:UNDELIV err:000');
    expect(text.split('text:')[1]).toBe('😀'.repeat(20));
  });

  it('keeps string error codes as written (padded to three)', () => {
    expect(formatDeliveryReceipt({ id: 'x', submitDate, doneDate, stat: 'UNDELIV', err: '1', dlvrd: 0 })).toContain(
      'dlvrd:000 submit date:2501312359 done date:2502010005 stat:UNDELIV err:001 text:',
    );
  });
});

describe('parseDeliveryReceipt', () => {
  it('round-trips what formatDeliveryReceipt writes', () => {
    const parsed = parseDeliveryReceipt(
      formatDeliveryReceipt({ id: 'ab12', sub: 1, dlvrd: 0, submitDate, doneDate, stat: 'EXPIRED', err: 27, text: 'hello world' }),
    );
    expect(parsed).toEqual({
      id: 'ab12',
      sub: '001',
      dlvrd: '000',
      submitDate,
      doneDate,
      stat: 'EXPIRED',
      err: '027',
      text: 'hello world',
    });
  });

  it('tolerates lower case keys and values, any field order and underscores in date keys', () => {
    const parsed = parseDeliveryReceipt('STAT:delivrd Err:000 ID:998877 done_date:2502010005 Sub:001 DLVRD:001 submit_date:2501312359');
    expect(parsed).toMatchObject({ id: '998877', stat: 'DELIVRD', err: '000', sub: '001', dlvrd: '001', submitDate, doneDate });
    expect(parsed?.text).toBe('');
  });

  it('reads 12-digit dates with seconds', () => {
    const parsed = parseDeliveryReceipt('id:1 submit date:250131235958 done date:250201000501 stat:DELIVRD');
    expect(parsed?.submitDate).toEqual(new Date(Date.UTC(2025, 0, 31, 23, 59, 58)));
    expect(parsed?.doneDate).toEqual(new Date(Date.UTC(2025, 1, 1, 0, 5, 1)));
  });

  it('leaves malformed or impossible dates undefined rather than guessing', () => {
    const parsed = parseDeliveryReceipt('id:1 submit date:2502301200 done date:25020100 stat:DELIVRD');
    expect(parsed?.submitDate).toBeUndefined();
    expect(parsed?.doneDate).toBeUndefined();
    expect(parsed?.stat).toBe('DELIVRD');
  });

  it('fills missing fields with empty values and UNKNOWN stat', () => {
    expect(parseDeliveryReceipt('id:77')).toEqual({ id: '77', sub: '', dlvrd: '', submitDate: undefined, doneDate: undefined, stat: 'UNKNOWN', err: '', text: '' });
  });

  it('keeps a quoted message containing field names inside text when those fields were already seen', () => {
    const parsed = parseDeliveryReceipt('id:5 sub:001 dlvrd:001 submit date:2501312359 done date:2502010005 stat:DELIVRD err:000 text:see stat:UNDELIV id:9');
    expect(parsed).toMatchObject({ id: '5', stat: 'DELIVRD', text: 'see stat:UNDELIV id:9' });
  });

  it('still finds fields that follow text when they were not seen before', () => {
    expect(parseDeliveryReceipt('id:5 text:hi there stat:REJECTD err:012')).toMatchObject({ text: 'hi there', stat: 'REJECTD', err: '012' });
  });

  it('does not take keys that are only part of a word', () => {
    expect(parseDeliveryReceipt('msgid:5 state:x')).toBeUndefined();
  });

  it('returns undefined for a text with no receipt fields (an ordinary message)', () => {
    expect(parseDeliveryReceipt('Hello, how are you?')).toBeUndefined();
  });
});

describe('receipt dates', () => {
  it('formats in UTC regardless of the local zone and parses back', () => {
    const date = new Date(Date.UTC(2031, 11, 9, 7, 3));
    expect(formatReceiptDate(date)).toBe('3112090703');
    expect(parseReceiptDate('3112090703')).toEqual(date);
  });

  it('rejects non-digit and wrong-length values', () => {
    expect(parseReceiptDate('25013123a9')).toBeUndefined();
    expect(parseReceiptDate('25013123591')).toBeUndefined();
    expect(parseReceiptDate('2501312460')).toBeUndefined();
  });
});
