import type { MessageKind } from '@sms/contracts';
import { PINYIN } from './char-maps';
import { LEXICON, LEXICON_VERSION, OPT_OUT_MARKERS, SIGNALS } from './lexicon';
import { pinyinSpellings } from './pinyin';
import { screen } from './screen';

describe('pinyin spellings (lexicon v5)', () => {
  it('spell any one Chinese character of a term in pinyin, keeping the rest in Chinese', () => {
    expect(pinyinSpellings('代开发票')).toEqual(['代开发票', 'dai开发票', '代kai发票', '代开fa票', '代开发piao']);
    expect(pinyinSpellings('推翻政府')).toContain('推fan政府');
  });

  it('leave single characters and Latin terms alone (a whole-Latin variant could straddle English words)', () => {
    expect(pinyinSpellings('casino')).toEqual(['casino']);
    expect(pinyinSpellings('k粉')).toEqual(['k粉']);
    expect(pinyinSpellings('etc认证')).toEqual(['etc认证', 'etcren证', 'etc认zheng']);
  });

  it('the table holds lower-case syllables only, for characters the lexicon or its signals (v6) use', () => {
    const used = new Set([...LEXICON.map((e) => e.term), ...Object.values(SIGNALS).flat()].flatMap((term) => Array.from(term)));
    for (const [cp, syllable] of PINYIN) {
      expect(syllable).toMatch(/^[a-z]+$/);
      expect([String.fromCodePoint(cp), used.has(String.fromCodePoint(cp))]).toEqual([String.fromCodePoint(cp), true]);
    }
  });
});

describe('screening with lexicon v5', () => {
  const outcome = (text: string, kind: MessageKind = 'notification') => screen(text, kind);

  it('is version 10 (v5 spellings kept)', () => expect(LEXICON_VERSION).toBe(10));

  it('blocks terms with one character in pinyin, whichever character it is', () => {
    expect(outcome('本公司长期代开fa票，餐饮住宿均可')).toMatchObject({ outcome: 'BLOCK', category: 'unsolicited-ad' });
    expect(outcome('联合起来推fan政府')).toMatchObject({ outcome: 'BLOCK', category: 'political' });
    expect(outcome('出售盗hao软件')).toMatchObject({ outcome: 'BLOCK', category: 'crime-method' });
    expect(outcome('手工huo外发，押金100元')).toMatchObject({ outcome: 'BLOCK', category: 'false-recruitment' });
    // Reported as the lexicon term, spanning the evasive spelling in the original text.
    const text = '长期代开fa票';
    const match = outcome(text).matches.find((m) => m.term === '代开发票');
    expect(match && text.slice(match.start, match.end)).toBe('代开fa票');
  });

  it('blocks the vocabulary of categories the first lexicon lacked (English and Chinese)', () => {
    expect(outcome('Get 50 free spins and a deposit match today', 'international')).toMatchObject({ outcome: 'BLOCK', category: 'gambling' });
    expect(outcome('Ghost gun kits, no background check', 'international')).toMatchObject({ outcome: 'BLOCK', category: 'weapons' });
    expect(outcome('Hot ringtones every week, subscribe now', 'international')).toMatchObject({ outcome: 'BLOCK', category: 'sp-trick' });
    expect(outcome('专业代孕，包生男孩')).toMatchObject({ outcome: 'BLOCK', category: 'crime-method' });
    expect(outcome('信用卡套现，秒到账')).toMatchObject({ outcome: 'BLOCK', category: 'fraud' });
    expect(outcome('Buy fullz and bank logs here', 'international')).toMatchObject({ outcome: 'BLOCK', category: 'crime-method' });
  });

  it('folds the traditional forms of the new terms', () => {
    expect(outcome('收購對公賬戶、實名微信號')).toMatchObject({ outcome: 'BLOCK', category: 'crime-method' });
  });

  it('blocks a lure to a personal WeChat spelled as a homophone next to money talk', () => {
    expect(outcome('快递丢了给您理赔，请加薇信办理')).toMatchObject({ outcome: 'BLOCK', category: 'fraud', rule: 'contact-lure' });
    expect(outcome('快递丢了给您理赔，请添加客服微信办理')).toMatchObject({ outcome: 'BLOCK', rule: 'contact-lure' });
  });

  it('passes ordinary texts that hold the new words inside other words', () => {
    for (const text of [
      '【某家纺】床上四件套新品到店，欢迎选购。回T退订',
      '【某出行】同城约车已为您派单，司机5分钟后到达。',
      '【地铁】请勿携带刀具等管制物品进站。',
      '【某物业】您有大麻烦了吗？物业24小时为您服务。',
      '【某软件】替代开发工具已上线。',
      '【某银行】您的对公账户今日入账10,000.00元。',
      '【中国移动】您的实名号码已完成登记。',
      'Your WhatsApp code: 123-456. Don\'t share this code with others.',
      'Tax office: your tax refund of £120.00 has been approved and will be paid to your registered account.',
      'Our recruitment team will contact you within 5 working days.',
    ]) {
      expect([text, outcome(text, /[a-z]/i.test(text[0]) ? 'international' : 'notification').outcome]).toEqual([text, 'PASS']);
    }
  });

  it('drops fraud findings of an anti-fraud notice with no way out (new warning words)', () => {
    expect(outcome('【某银行】风险提示：不法分子冒充客服以“注销校园贷”为由诱导转账，本行从未开展此类业务。').outcome).toBe('PASS');
  });

  it('reads "txt STOP" as an opt-out and well-known carriers\' tracking links as allowed', () => {
    expect(OPT_OUT_MARKERS).toContain('txtstop');
    expect(outcome('Acme: 20% off jackets until midnight. Txt STOP to 80082 to opt out.', 'marketing').outcome).toBe('PASS');
    expect(outcome('DHL Express: your parcel will be delivered today. Track it at https://www.dhl.com/track/JD0098', 'international').outcome).toBe('PASS');
  });
});
