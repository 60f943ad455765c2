import type { MessageKind } from '@sms/contracts';
import { TRADITIONAL_TO_SIMPLIFIED } from './char-maps';
import { BLOCK_CATEGORIES, BlockCategory, LEXICON } from './lexicon';
import { acceptedFindings, createScreeningEngine, screen, screenTemplate } from './screen';

const SAMPLES: Record<BlockCategory, string> = {
  FRAUD: '【银联中心】您的银行卡涉嫌洗钱，请立即将资金转入安全账户配合调查。',
  GAMBLING: '【娱乐城】新开网上赌场，百家乐首充送100%，日赢万元。',
  PORNOGRAPHY: '寂寞吗？同城小姐上门，裸聊视频，私密安全。',
  DRUGS: '高纯度冰毒、摇头丸现货，全国包邮。',
  WEAPONS: '出售仿真枪、猎枪及配件，量大从优。',
  COUNTERFEIT: '高仿人民币一比十出售，另有假发票，货到付款。',
  SMUGGLED_VEHICLES: '海关罚没车低价处理，走私车手续齐全。',
  FALSE_PRIZE: '恭喜您中奖！您已被选为《中国好声音》场外幸运观众，奖金38万元。',
  FALSE_MATCHMAKING: '香港富婆征婚，重金借腹生子，有意者速联系。',
  FALSE_RECRUITMENT: '在家兼职打字员，日赚千元，月入过万不是梦。',
  SP_SUBSCRIPTION: '天气预报每日推送，回复1订购，立享首月优惠。',
  THIRD_PARTY_ADS: '代开发票，代办移民，移民名额有限，欢迎咨询。',
  POLITICAL: '号召大家推翻政府，颠覆国家政权。',
  ETHNIC_HATRED: '煽动民族仇恨，支持种族清洗。',
  CULT_SUPERSTITION: '大师开光法器、转运符，驱鬼消灾。',
  RUMOUR: '紧急扩散！专家称明日将地震，不转不是中国人！',
  TERRORISM_VIOLENCE: '我们将在车站发动恐怖袭击，制造爆炸。',
  DEFAMATION: '人肉搜索张三，他就是个骗子，丑闻曝光。',
  CRIME_METHODS: '出售盗号软件、针孔摄像头，附黑客教程。',
};

const CLEAN: Array<[MessageKind, string]> = [
  ['verification', '【阿里云】您的验证码为123456，5分钟内有效。'],
  ['verification', '【腾讯云】验证码：884512，请勿泄露给他人。如非本人操作，请忽略本短信。'],
  ['verification', 'Your verification code is 482913. It expires in 5 minutes.'],
  ['notification', '【顺丰速运】您的快件已到达XX驿站，取件码8823，请于今日18:00前领取。'],
  ['notification', '【招商银行】您尾号1234的账户于05月12日消费人民币100.00元，余额2,345.67元。'],
  ['notification', '【12306】您的订单E123456789已出票，G1234次列车，5车12F座，请携带身份证乘车。'],
  ['notification', '【某平台】您已成功开通平台独家会员，收藏独家内容，有效期至2025-12-31。'],
  ['notification', '【某酒店】特色情侣套餐已为您预订成功，支援交流会将于周五举行。'],
  ['notification', '【某仓储】已安排华东仓发货，极速转账已到账，请注意查收。'],
  ['marketing', '【京东】618大促，全场满300减50，拒收请回复R'],
  ['marketing', '【某商城】周年庆全场5折，退订回T'],
  ['marketing', 'Big summer sale: 30% off everything this week. Reply STOP to opt out.'],
];

describe('screen', () => {
  describe('BLOCK categories (DOMAIN.md §3)', () => {
    it('has a sample for every category of the lexicon', () => {
      expect(Object.keys(SAMPLES).sort()).toEqual([...BLOCK_CATEGORIES].sort());
    });

    it.each(Object.entries(SAMPLES))('%s is blocked with its category', (category, text) => {
      const result = screen(text, 'notification');
      expect(result.outcome).toBe('BLOCK');
      expect(result.category).toBe(category);
      expect(result.matches.length).toBeGreaterThan(0);
      expect(result.matches.every((m) => text.length > m.index && m.index >= 0)).toBe(true);
    });

    it('every BLOCK term on its own is blocked with its own category, every REVIEW term held with its own', () => {
      for (const entry of LEXICON) {
        const result = screen(`前文${entry.term}后文`, 'notification');
        expect({ term: entry.term, outcome: result.outcome, category: result.category }).toEqual({
          term: entry.term,
          outcome: entry.level,
          category: entry.category,
        });
      }
    });
  });

  describe('ordinary texts', () => {
    it.each(CLEAN)('%s text passes: %s', (kind, text) => {
      const result = screen(text, kind);
      expect(result).toEqual({ outcome: 'PASS', matches: [], optOutMissing: false });
    });
  });

  describe('evasion', () => {
    const blockedAs = (text: string, category: string) => {
      const result = screen(text, 'notification');
      expect({ text, outcome: result.outcome, category: result.category }).toEqual({ text, outcome: 'BLOCK', category });
    };

    it('full-width characters', () => blockedAs('欢迎光临ＣＡＳＩＮＯ', 'GAMBLING'));
    it('mixed case', () => blockedAs('best CaSiNo in town', 'GAMBLING'));
    it('spaces inserted between characters', () => blockedAs('网上赌 博，百 家 乐', 'GAMBLING'));
    it('punctuation and symbols inserted between characters', () => blockedAs('冰-毒、海*洛#因', 'DRUGS'));
    it('zero-width characters inserted between characters', () => blockedAs('冰\u200b毒\u200c现\u200d货', 'DRUGS'));
    it('ideographic spaces inserted between characters', () => blockedAs('假\u3000币', 'COUNTERFEIT'));
    it('Cyrillic and Greek look-alike letters', () => blockedAs('\u0441\u0430sin\u03bf bonus', 'GAMBLING'));
    it('digits used as letters', () => blockedAs('c4s1n0 and p0rn', 'GAMBLING'));
    it('diacritics', () => blockedAs('càsìnò', 'GAMBLING'));
    it('traditional characters', () => blockedAs('網上賭博，時時彩', 'GAMBLING'));
    it('digits instead of Chinese numerals', () => blockedAs('6合彩开奖', 'GAMBLING'));
    it('financial and circled numerals', () => {
      blockedAs('陆合彩开奖', 'GAMBLING');
      blockedAs('⑥合彩开奖', 'GAMBLING');
      blockedAs('回复壹订购', 'SP_SUBSCRIPTION');
    });
    it('several techniques at once', () => blockedAs('賭 . 博\u200b 與 ＣＡ$Ｉ N 0', 'GAMBLING'));

    it('every lexicon term written with traditional characters', () => {
      const toTraditional = new Map<string, string>();
      for (const [traditional, simplified] of TRADITIONAL_TO_SIMPLIFIED) {
        const s = String.fromCodePoint(simplified);
        if (!toTraditional.has(s)) toTraditional.set(s, String.fromCodePoint(traditional));
      }
      let changed = 0;
      for (const entry of LEXICON) {
        const traditional = Array.from(entry.term, (c) => toTraditional.get(c) ?? c).join('');
        if (traditional !== entry.term) changed++;
        const result = screen(traditional, 'notification');
        expect({ traditional, category: result.category }).toEqual({ traditional, category: entry.category });
      }
      expect(changed).toBeGreaterThan(LEXICON.length / 2);
    });
  });

  describe('matches', () => {
    it('name the lexicon term, its category and the index in the original text', () => {
      const text = '😀您好，赌 博网站';
      expect(screen(text, 'notification').matches).toEqual([{ term: '赌博', category: 'GAMBLING', level: 'BLOCK', index: 5 }]);
    });

    it('the earliest BLOCK finding decides the category and every finding is listed', () => {
      const result = screen('免费领取冰毒，另有赌博', 'notification');
      expect(result.outcome).toBe('BLOCK');
      expect(result.category).toBe('DRUGS');
      expect(result.matches.map((m) => m.category)).toEqual(['INDUCEMENT', 'DRUGS', 'GAMBLING']);
    });
  });

  describe('REVIEW', () => {
    it('holds weaker signals for a human', () => {
      expect(screen('【某金融】低息贷款，当天到账', 'notification')).toMatchObject({ outcome: 'REVIEW', category: 'FINANCIAL_PROMOTION' });
      expect(screen('详情请加微信咨询', 'notification')).toMatchObject({ outcome: 'REVIEW', category: 'CONTACT_DIVERSION' });
    });

    it('holds marketing without an opt-out instruction, but not other kinds', () => {
      const text = '【某商城】周年庆全场5折，欢迎选购';
      expect(screen(text, 'marketing')).toEqual({ outcome: 'REVIEW', category: 'MISSING_OPT_OUT', matches: [], optOutMissing: true });
      expect(screen(text, 'notification')).toEqual({ outcome: 'PASS', matches: [], optOutMissing: false });
    });

    it('an opt-out instruction in an evasive spelling still counts', () => {
      expect(screen('【某商城】周年庆全场5折，拒 收 请 回 复 R', 'marketing').outcome).toBe('PASS');
      expect(screen('Sale today. Reply ＳＴＯＰ to opt out', 'marketing').outcome).toBe('PASS');
    });
  });

  describe('findings accepted with the template', () => {
    const template = screen('【某金融】您申请的贷款${amount}元已放款', 'notification');
    const accepted = acceptedFindings(template);

    it('REVIEW terms a reviewer accepted in the template do not hold the rendered message', () => {
      expect(template.outcome).toBe('REVIEW');
      expect(screen('【某金融】您申请的贷款5000元已放款', 'notification', { accepted }).outcome).toBe('PASS');
    });

    it('a REVIEW term smuggled in through a variable is still held', () => {
      expect(screen('【某金融】您申请的贷款加微信元已放款', 'notification', { accepted })).toMatchObject({ outcome: 'REVIEW', category: 'CONTACT_DIVERSION' });
    });

    it('BLOCK terms are never accepted', () => {
      expect(screen('【某金融】您申请的贷款赌博元已放款', 'notification', { accepted })).toMatchObject({ outcome: 'BLOCK', category: 'GAMBLING' });
    });

    it('a missing opt-out accepted in a marketing template does not hold its messages', () => {
      const marketing = screen('【某商城】${name}专享5折', 'marketing');
      expect(marketing.category).toBe('MISSING_OPT_OUT');
      expect(screen('【某商城】张三专享5折', 'marketing', { accepted: acceptedFindings(marketing) }).outcome).toBe('PASS');
    });
  });

  describe('templates', () => {
    it('screens the wording around placeholders and reports indices into the content', () => {
      expect(screenTemplate('您的验证码为${code}，5分钟内有效。', 'verification')).toEqual({ outcome: 'PASS', matches: [], optOutMissing: false });
      expect(screenTemplate('欢迎${name}来玩百家乐', 'notification').matches).toEqual([{ term: '百家乐', category: 'GAMBLING', level: 'BLOCK', index: 11 }]);
    });

    it('catches a term split by a placeholder that may be empty', () => {
      expect(screenTemplate('网上赌${x}博', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'GAMBLING' });
    });

    it('does not read placeholder names as text', () => {
      // "porn" would be found if the placeholder name were screened as part of the wording.
      expect(screenTemplate('订单${porn}已发货', 'notification').outcome).toBe('PASS');
    });
  });

  describe('engine', () => {
    it('uses the lexicon it is given', () => {
      const engine = createScreeningEngine([{ term: 'forbidden', category: 'RUMOUR', level: 'BLOCK' }], ['stop']);
      expect(engine.screen('a F0RBIDDEN word', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'RUMOUR' });
      expect(engine.screen('赌博', 'notification').outcome).toBe('PASS');
    });

    it('rejects a term that normalises to nothing', () => {
      expect(() => createScreeningEngine([{ term: '!!', category: 'RUMOUR', level: 'BLOCK' }])).toThrow('normalises to nothing');
    });
  });
});
