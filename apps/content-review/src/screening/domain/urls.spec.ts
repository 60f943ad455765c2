import { findUrls } from './urls';

// DOMAIN §3 (fraud, links to unlisted sites are held): v7 finds links disguised with look-alike letters or spelled digits.
describe('findUrls (v7: look-alike and spelled links)', () => {
  it('reads Cyrillic look-alike letters in a link as the Latin letters they imitate', () => {
    const text = '请点击 httр://уbj-р9Тt4.сn 办理提取。';
    const [url] = findUrls(text);
    expect(url.host).toBe('ybj-p9tt4.cn');
    expect(text.slice(url.start, url.end)).toBe('httр://уbj-р9Тt4.сn');
  });

  it('finds a bare look-alike host with a link TLD', () => {
    expect(findUrls('Review it at ѕесurе-а8Кх2.оnlіnе now').map((u) => u.host)).toEqual(['secure-a8kx2.online']);
  });

  it('reads Chinese and circled numerals inside a scheme link as digits', () => {
    expect(findUrls('请登录 http://z三Wd九-幺二三三三.com 完成认证').map((u) => u.host)).toEqual(['z3wd9-12333.com']);
    expect(findUrls('请登录 http://a①②.cn 查看').map((u) => u.host)).toEqual(['a12.cn']);
  });

  it('joins a scheme link broken up by spelled-out English digits', () => {
    const text = 'Settle now to avoid a fine: http://tollpay-Q seven mPz.us';
    const [url] = findUrls(text);
    expect(url.host).toBe('tollpay-q7mpz.us');
    expect(text.slice(url.start, url.end)).toBe('http://tollpay-Q seven mPz.us');
  });

  it('leaves ordinary words after a whole link alone, and Chinese numerals outside links', () => {
    expect(findUrls('see http://example.com one more time').map((u) => u.host)).toEqual(['example.com']);
    expect(findUrls('第三.五章和一二三')).toEqual([]);
  });
});
