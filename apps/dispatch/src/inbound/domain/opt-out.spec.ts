import { isOptOutReply, normaliseReply, OPT_OUT_KEYWORDS } from './opt-out';

describe('opt-out replies', () => {
  it.each(OPT_OUT_KEYWORDS)('treats the bare keyword %s as an opt-out', (keyword) => {
    expect(isOptOutReply(keyword)).toBe(true);
  });

  it.each([
    ['lower case', 'stop'],
    ['mixed case with spaces around', '  Unsubscribe \n'],
    ['trailing punctuation', 'STOP!'],
    ['Chinese full stop', '退订。'],
    ['full-width letters', 'ＴＤ'],
    ['full-width letters and punctuation', 'ｓｔｏｐ！'],
    ['full-width single letters', 'Ｔ'],
    ['full-width mixed case', 'Ｕｎｓｕｂｓｃｒｉｂｅ'],
    ['full-width lower case with a full-width space', 'ｔ\u3000ｄ'],
    ['half-width with full-width punctuation around', '（ＳＴＯＰ）'],
    ['ideographic space inside', 'T\u3000D'],
    ['dotted letters', 't.d.'],
    ['an emoji after it', 'R 👍'],
    ['a zero-width space inside', 'ST\u200bOP'],
    ['two words making one keyword', 'stop all'],
    ['cancel in Chinese with an exclamation', '取消！'],
  ])('treats %s as an opt-out (%j)', (_case, reply) => {
    expect(isOptOutReply(reply)).toBe(true);
  });

  it.each([
    ['a word that starts with a keyword letter', 'Thanks'],
    ['a sentence containing STOP', 'please stop calling me'],
    ['a sentence containing 退订', '怎么退订'],
    ['a keyword followed by words', '退订 谢谢'],
    ['a plain reply', '好的'],
    ['a number', '1'],
    ['nothing but punctuation', '?!'],
    ['an empty reply', ''],
    ['a different single letter', 'Y'],
  ])('does not treat %s as an opt-out (%j)', (_case, reply) => {
    expect(isOptOutReply(reply)).toBe(false);
  });

  it('normalises full-width text, noise and case to what the keyword list holds', () => {
    expect(normaliseReply(' ＳＴＯＰ　ＡＬＬ。 ')).toBe('STOPALL');
    expect(normaliseReply('退订！')).toBe('退订');
  });
});
