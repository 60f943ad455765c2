import { CmppProtocolError } from './errors';
import { cmppMessageContent, cmppTextParts, decodeCmppText } from './message-text';

describe('CMPP message text', () => {
  it('sends an ASCII text of up to 160 characters as one Msg_Fmt 0 part', () => {
    const text = 'a'.repeat(160);
    expect(cmppTextParts(text)).toEqual([{ pkTotal: 1, pkNumber: 1, tpUdhi: 0, msgFmt: 0, msgContent: Buffer.from(text) }]);
  });

  it('sends Chinese as UCS-2 big-endian (Msg_Fmt 8)', () => {
    expect(cmppTextParts('你好')).toEqual([{ pkTotal: 1, pkNumber: 1, tpUdhi: 0, msgFmt: 8, msgContent: Buffer.from('4f60597d', 'hex') }]);
  });

  it('cuts a long ASCII text into 153-character parts behind an 8-bit concatenation UDH, TP_udhi 1', () => {
    const text = 'x'.repeat(153) + 'y'.repeat(10);
    const parts = cmppTextParts(text, { reference: 0x1a7 });
    expect(parts.map((p) => [p.pkTotal, p.pkNumber, p.tpUdhi, p.msgFmt, p.msgContent.length])).toEqual([
      [2, 1, 1, 0, 159],
      [2, 2, 1, 0, 16],
    ]);
    expect(parts[1].msgContent.subarray(0, 6).toString('hex')).toBe('050003a70202');
    expect(parts.map((p) => cmppMessageContent(p.msgFmt, p.tpUdhi, p.msgContent))).toEqual([
      { text: 'x'.repeat(153), concat: { ref: 0xa7, total: 2, seq: 1 } },
      { text: 'y'.repeat(10), concat: { ref: 0xa7, total: 2, seq: 2 } },
    ]);
  });

  it('cuts a long UCS-2 text into 67-unit parts, never between the halves of a surrogate pair', () => {
    const text = '中'.repeat(66) + '😀' + '文'.repeat(10);
    const parts = cmppTextParts(text);
    expect(parts).toHaveLength(2);
    expect(parts.every((p) => p.msgContent.length <= 140 && p.msgFmt === 8)).toBe(true);
    const texts = parts.map((p) => cmppMessageContent(p.msgFmt, p.tpUdhi, p.msgContent).text);
    expect(texts[0]).toBe('中'.repeat(66));
    expect(texts.join('')).toBe(text);
  });

  it('refuses GBK (Msg_Fmt 15) with a clear error, and a UDH longer than the content', () => {
    expect(() => decodeCmppText(15, Buffer.from('c4e3bac3', 'hex'))).toThrow(/CMPP_MSG_FMT_UNSUPPORTED: Msg_Fmt 15/);
    expect(() => cmppMessageContent(8, 1, Buffer.from([9, 0, 3]))).toThrow(CmppProtocolError);
  });

  it('reads binary (Msg_Fmt 4) one character per octet', () => {
    expect(decodeCmppText(4, Buffer.from([0x41, 0xff]))).toBe('A\u00ff');
  });
});
