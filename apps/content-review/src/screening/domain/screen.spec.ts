import type { MessageKind } from '@sms/contracts';
import fc from 'fast-check';
import { TRADITIONAL_TO_SIMPLIFIED } from './char-maps';
import { LEXICON, LEXICON_VERSION, SCREENING_CATEGORIES, ScreeningCategory } from './lexicon';
import { acceptedFindings, createScreeningEngine, screen, screenTemplate, screeningConfigFromEnv } from './screen';

const SAMPLES: Record<ScreeningCategory, string> = {
  fraud: '【银联中心】您的银行卡涉嫌洗钱，请立即将资金转入安全账户配合调查。',
  gambling: '【娱乐城】新开网上赌场，百家乐首充送100%，日赢万元。',
  pornography: '寂寞吗？同城小姐上门，裸聊视频，私密安全。',
  drugs: '高纯度冰毒、摇头丸现货，全国包邮。',
  weapons: '出售仿真枪、猎枪及配件，量大从优。',
  counterfeit: '高仿人民币一比十出售，另有假发票，货到付款。',
  smuggling: '海关罚没车低价处理，走私车手续齐全。',
  'false-lottery': '恭喜您中奖！您已被选为《中国好声音》场外幸运观众，奖金38万元。',
  'false-matchmaking': '香港富婆征婚，重金借腹生子，有意者速联系。',
  'false-recruitment': '在家兼职打字员，日赚千元，月入过万不是梦。',
  'sp-trick': '天气预报每日推送，回复1订购，立享首月优惠。',
  'unsolicited-ad': '代开发票，代办移民，移民名额有限，欢迎咨询。',
  political: '号召大家推翻政府，颠覆国家政权。',
  'ethnic-hatred': '煽动民族仇恨，支持种族清洗。',
  cult: '大师开光法器、转运符，驱鬼消灾。',
  terror: '我们将在车站发动恐怖袭击，制造爆炸。',
  rumour: '紧急扩散！专家称明日将地震，不转不是中国人！',
  defamation: '人肉搜索张三，他就是个骗子，丑闻曝光。',
  'crime-method': '出售盗号软件、针孔摄像头，附黑客教程。',
};

const CLEAN: Array<[MessageKind, string]> = [
  ['verification', '【阿里云】您的验证码为123456，5分钟内有效。'],
  ['verification', '【腾讯云】验证码：884512，请勿泄露给他人。如非本人操作，请忽略本短信。'],
  ['verification', 'Your verification code is 482913. It expires in 5 minutes.'],
  ['verification', '【某银行】您正在进行转账操作，验证码301245，切勿告知他人。'],
  ['notification', '【顺丰速运】您的快件已到达XX驿站，取件码8823，请于今日18:00前领取。'],
  ['notification', '【招商银行】您尾号1234的账户于05月12日消费人民币100.00元，余额2,345.67元。'],
  ['notification', '【招商银行】您的工资5,000.00元已转入尾号1234的账户。'],
  ['notification', '【12306】您的订单E123456789已出票，G1234次列车，5车12F座，请携带身份证乘车。'],
  ['notification', '【某平台】您已成功开通平台独家会员，收藏独家内容，有效期至2025-12-31。'],
  ['notification', '【某酒店】特色情侣套餐已为您预订成功，支援交流会将于周五举行。'],
  ['notification', '【某仓储】已安排华东仓发货，极速转账已到账，请注意查收。'],
  ['notification', '【某公司】您的年终奖金已发放，个人所得税已代扣。'],
  ['notification', '【某醫院】您預約的門診時間為明天上午十點，請攜帶醫保卡。'],
  ['notification', '【阿里云】您的实例已到期，详情见 https://ecs.console.aliyun.com/renew 续费。'],
  ['notification', 'Learn more about your coffee order at the counter. Thanks.'],
  ['marketing', '【京东】618大促，全场满300减50，拒收请回复R'],
  ['marketing', '【某商城】周年庆全场5折，退订回T'],
  ['marketing', 'Big summer sale: 30% off everything this week. Reply STOP to opt out.'],
];

describe('screen', () => {
  describe('categories (DOMAIN §3, terms §3.1)', () => {
    it('has a sample for every category of the lexicon', () => {
      expect(Object.keys(SAMPLES).sort()).toEqual([...SCREENING_CATEGORIES].sort());
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
          outcome: entry.action,
          category: entry.category,
        });
      }
    });
  });

  describe('ordinary texts pass (DOMAIN §3: no over-blocking)', () => {
    it.each(CLEAN)('%s text passes: %s', (kind, text) => {
      const result = screen(text, kind);
      expect(result).toEqual({ outcome: 'PASS', matches: [], optOutMissing: false });
    });
  });

  describe('evasion (DOMAIN §3: screening must resist evasion)', () => {
    const blockedAs = (text: string, category: string) => {
      const result = screen(text, 'notification');
      expect({ text, outcome: result.outcome, category: result.category }).toEqual({ text, outcome: 'BLOCK', category });
    };

    it('full-width characters', () => blockedAs('欢迎光临ＣＡＳＩＮＯ', 'gambling'));
    it('mixed case', () => blockedAs('best CaSiNo in town', 'gambling'));
    it('spaces inserted between characters', () => blockedAs('网上赌 博，百 家 乐', 'gambling'));
    it('punctuation and symbols inserted between characters', () => blockedAs('冰-毒、海*洛#因', 'drugs'));
    it('zero-width characters inserted between characters', () => blockedAs('冰\u200b毒\u200c现\u200d货', 'drugs'));
    it('ideographic spaces inserted between characters', () => blockedAs('假\u3000币', 'counterfeit'));
    it('Cyrillic and Greek look-alike letters', () => blockedAs('\u0441\u0430sin\u03bf bonus', 'gambling'));
    it('digits used as letters', () => blockedAs('c4s1n0 and p0rn', 'gambling'));
    it('diacritics', () => blockedAs('càsìnò', 'gambling'));
    it('traditional characters', () => blockedAs('網上賭博，時時彩', 'gambling'));
    it('digits instead of Chinese numerals', () => blockedAs('6合彩开奖', 'gambling'));
    it('financial and circled numerals', () => {
      blockedAs('陆合彩开奖', 'gambling');
      blockedAs('⑥合彩开奖', 'gambling');
      blockedAs('回复壹订购', 'sp-trick');
    });
    it('several techniques at once', () => blockedAs('賭 . 博\u200b 與 ＣＡ$Ｉ N 0', 'gambling'));

    it('every lexicon term written with traditional characters', () => {
      const toTraditional = new Map<string, string>();
      for (const [traditional, simplified] of TRADITIONAL_TO_SIMPLIFIED) {
        const s = String.fromCodePoint(simplified);
        if (!toTraditional.has(s)) toTraditional.set(s, String.fromCodePoint(traditional));
      }
      let changed = 0;
      let chinese = 0;
      for (const entry of LEXICON) {
        const traditional = Array.from(entry.term, (c) => toTraditional.get(c) ?? c).join('');
        if (/\p{Script=Han}/u.test(entry.term)) chinese++;
        if (traditional !== entry.term) changed++;
        const result = screen(traditional, 'notification');
        expect({ traditional, category: result.category }).toEqual({ traditional, category: entry.category });
      }
      // (v8: most Chinese terms have a traditional spelling to test; English terms have none.)
      expect(changed).toBeGreaterThan(chinese / 2);
    });
  });

  describe('matches', () => {
    it('name the lexicon term, its category and the index in the original text', () => {
      const text = '😀您好，赌 博网站';
      expect(screen(text, 'notification').matches).toEqual([{ term: '赌博', category: 'gambling', level: 'BLOCK', index: 5, start: 5, end: 8 }]);
      expect(text.slice(5, 8)).toBe('赌 博');
    });

    it('the earliest BLOCK finding decides the category and every finding is listed', () => {
      const result = screen('免费领取冰毒，另有赌博', 'notification');
      expect(result.outcome).toBe('BLOCK');
      expect(result.category).toBe('drugs');
      expect(result.matches.map((m) => m.category)).toEqual(['false-lottery', 'drugs', 'gambling']);
    });
  });

  describe('REVIEW (DOMAIN §3 outcomes; DOMAIN §1 opt-out)', () => {
    it('holds weaker signals for a human', () => {
      expect(screen('【某金融】无抵押贷款，当天到账', 'notification')).toMatchObject({ outcome: 'REVIEW', category: 'fraud' });
      expect(screen('详情请加微信咨询', 'notification')).toMatchObject({ outcome: 'REVIEW', category: 'fraud', rule: 'contact-lure' });
    });

    it('holds marketing without an opt-out instruction, but not other kinds', () => {
      const text = '【某商城】周年庆全场5折，欢迎选购';
      expect(screen(text, 'marketing')).toEqual({ outcome: 'REVIEW', category: 'missing-opt-out', matches: [], optOutMissing: true });
      expect(screen(text, 'notification')).toEqual({ outcome: 'PASS', matches: [], optOutMissing: false });
    });

    it('an opt-out instruction in an evasive spelling still counts', () => {
      expect(screen('【某商城】周年庆全场5折，拒 收 请 回 复 R', 'marketing').outcome).toBe('PASS');
      expect(screen('Sale today. Reply ＳＴＯＰ to opt out', 'marketing').outcome).toBe('PASS');
    });
  });

  describe('findings accepted with the template', () => {
    const template = screen('【某金融】您申请的网贷${amount}元已放款', 'notification');
    const accepted = acceptedFindings(template);

    it('REVIEW terms a reviewer accepted in the template do not hold the rendered message', () => {
      expect(template.outcome).toBe('REVIEW');
      expect(screen('【某金融】您申请的网贷5000元已放款', 'notification', { accepted }).outcome).toBe('PASS');
    });

    it('a REVIEW term smuggled in through a variable is still held, and blocked where it joins the money talk', () => {
      expect(screen('【某金融】您申请的网贷微信号元已放款', 'notification', { accepted })).toMatchObject({ outcome: 'BLOCK', category: 'fraud', rule: 'contact-lure' });
      expect(screen('【某金融】您申请的网贷算命元已放款', 'notification', { accepted })).toMatchObject({ outcome: 'REVIEW', category: 'cult' });
    });

    it('BLOCK terms are never accepted', () => {
      expect(screen('【某金融】您申请的网贷赌博元已放款', 'notification', { accepted })).toMatchObject({ outcome: 'BLOCK', category: 'gambling' });
    });

    it('a missing opt-out accepted in a marketing template does not hold its messages', () => {
      const marketing = screen('【某商城】${name}专享5折', 'marketing');
      expect(marketing.category).toBe('missing-opt-out');
      expect(screen('【某商城】张三专享5折', 'marketing', { accepted: acceptedFindings(marketing) }).outcome).toBe('PASS');
    });
  });

  describe('templates', () => {
    it('screens the wording around placeholders and reports indices into the content', () => {
      expect(screenTemplate('您的验证码为${code}，5分钟内有效。', 'verification')).toEqual({ outcome: 'PASS', matches: [], optOutMissing: false });
      expect(screenTemplate('欢迎${name}来玩百家乐', 'notification').matches).toEqual([{ term: '百家乐', category: 'gambling', level: 'BLOCK', index: 11, start: 11, end: 14 }]);
    });

    it('catches a term split by a placeholder that may be empty', () => {
      expect(screenTemplate('网上赌${x}博', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'gambling' });
    });

    it('does not read placeholder names as text', () => {
      // "porn" would be found if the placeholder name were screened as part of the wording.
      expect(screenTemplate('订单${porn}已发货', 'notification').outcome).toBe('PASS');
    });
  });

  describe('engine', () => {
    it('uses the lexicon it is given', () => {
      const engine = createScreeningEngine([{ term: 'forbidden', category: 'rumour', action: 'BLOCK' }], { optOutMarkers: ['stop'], version: 7 });
      expect(engine.version).toBe(7);
      expect(engine.screen('a F0RBIDDEN word', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'rumour' });
      expect(engine.screen('赌博', 'notification').outcome).toBe('PASS');
    });

    it('rejects a term that normalises to nothing', () => {
      expect(() => createScreeningEngine([{ term: '!!', category: 'rumour', action: 'BLOCK' }])).toThrow('normalises to nothing');
    });
  });

  describe('evasion of numbers (DOMAIN §3: digits spelled out)', () => {
    it('given a QQ number spelled in Chinese, 幺 and financial numerals, when screened, then the lure reports where it is', () => {
      const text = '加 Q Q：幺叁捌壹贰叁肆伍陆';
      const result = screen(text, 'notification');
      expect(result).toMatchObject({ outcome: 'REVIEW', category: 'fraud', rule: 'contact-lure' });
      expect(text.slice(result.matches[0].start, result.matches[0].end)).toBe('加 Q Q');
    });

    it('given circled and full-width digits, when screened, then they read as the digits of the sp-trick rule', () => {
      expect(screen('回复①订购', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'sp-trick' });
      expect(screen('回复１订购', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'sp-trick' });
      expect(screen('回复幺订购', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'sp-trick' });
    });
  });

  describe('rules beyond single words (ADR 0031; DOMAIN §3 fraud impersonating banks/officials, false lottery)', () => {
    it('given an authority and a demand to move money, when screened, then fraud is blocked by the authority-transfer rule', () => {
      const text = '【市公安局】您名下账户异常，请立即转账至指定账户，否则后果自负。';
      const result = screen(text, 'notification');
      expect(result).toMatchObject({ outcome: 'BLOCK', category: 'fraud', rule: 'authority-transfer' });
      const terms = result.matches.map((m) => text.slice(m.start, m.end));
      expect(terms).toEqual(expect.arrayContaining(['公安局', '转账至', '指定账户']));
    });

    it('given an authority without a money demand, or a money demand without an authority, when screened, then it passes', () => {
      expect(screen('【某银行】您的信用卡账单已出，请按时还款。', 'notification').outcome).toBe('PASS');
      expect(screen('房租请转账至房东账户，谢谢。', 'notification').outcome).toBe('PASS');
    });

    it('given a bank impersonation in English, when screened, then it is blocked', () => {
      expect(screen('Bank security: transfer your money to a new account today', 'notification')).toMatchObject({ outcome: 'BLOCK', rule: 'authority-transfer' });
    });

    it('given a prize and a fee, when screened, then false-lottery is blocked by the prize-fee rule', () => {
      expect(screen('您的号码抽中二等奖，缴纳公证费后即可发放。', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'false-lottery', rule: 'prize-fee' });
      expect(screen('您的号码抽中二等奖，请到门店领取。', 'notification').outcome).toBe('PASS');
    });

    it('given a lure to another channel alone, when screened, then it is held; given it with money talk, then blocked', () => {
      expect(screen('客服繁忙，请下载APP在线咨询', 'notification')).toMatchObject({ outcome: 'REVIEW', rule: 'contact-lure' });
      expect(screen('开启屏幕共享，我们帮您操作', 'notification')).toMatchObject({ outcome: 'REVIEW', rule: 'contact-lure' });
      expect(screen('兼职刷单，加QQ详谈', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'fraud', rule: 'contact-lure' });
      expect(screen('退款需要您开启远程协助', 'notification')).toMatchObject({ outcome: 'BLOCK', rule: 'contact-lure' });
    });

    it('given an anti-fraud warning that quotes the scam and offers no way out, when screened, then it passes', () => {
      expect(screen('【某银行】银行不会以任何理由要求您转账至“安全账户”，谨防诈骗。', 'notification')).toMatchObject({ outcome: 'PASS', matches: [] });
      expect(screen('Bank fraud alert: we will never ask you to move money to a safe account.', 'notification').outcome).toBe('PASS');
      expect(screen('【某公安】防骗提醒：冒充警察称您涉嫌洗钱并要求转账的都是诈骗，请拨打110核实。', 'notification').outcome).toBe('PASS');
      // Other categories are not softened by a warning.
      expect(screen('谨防诈骗，赌博害人', 'notification').outcome).toBe('BLOCK');
    });

    it('given a warning that borrows the wording but offers a lure, a foreign link or a number to call, when screened, then its fraud findings are held, not blocked', () => {
      expect(screen('谨防诈骗！您的账户已被冻结，请加微信处理', 'notification')).toMatchObject({ outcome: 'REVIEW', category: 'fraud' });
      expect(screen('谨防诈骗！您的账户已被冻结，详见 http://unfreeze.example.top', 'notification')).toMatchObject({ outcome: 'REVIEW', category: 'fraud' });
      expect(screen('谨防诈骗！您的账户已被冻结，请速致电13566669999', 'notification')).toMatchObject({ outcome: 'REVIEW', category: 'fraud' });
    });

    it('given a lure accepted in the approved template, when the rendered message is screened, then it passes', () => {
      const accepted = acceptedFindings(screenTemplate('【某店】订单${code}已发货，售后请加微信', 'notification'));
      expect(screen('【某店】订单123已发货，售后请加微信', 'notification', { accepted }).outcome).toBe('PASS');
    });
  });

  describe('conversational and English signals (lexicon v4; DOMAIN §3 fraud, gambling, SP subscription tricks)', () => {
    it('DOMAIN §3 fraud: someone close on a "new number" asking for money is blocked (impersonation-payment), in Chinese and English', () => {
      expect(screen('妈，我手机坏了，这是我新号码。你先转2000元到这个卡号，户名张三。', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'fraud', rule: 'impersonation-payment' });
      expect(screen('Hi mom, I lost my phone. Can you send $200 to this account today?', 'international')).toMatchObject({ outcome: 'BLOCK', rule: 'impersonation-payment' });
      expect(screen('Ｈｉ ｍｏｍ，ｉ ｌｏｓｔ ｍｙ ｐｈｏｎｅ，ｃａｎ ｙｏｕ ｓｅｎｄ ｍｏｎｅｙ', 'international').outcome).toBe('BLOCK');
      // Each half alone decides nothing.
      expect(screen('Hi mom, I lost my phone but I am fine, see you Sunday.', 'international').outcome).toBe('PASS');
      expect(screen('【某银行】您的信用卡卡号已更新，户名不变。', 'notification').outcome).toBe('PASS');
    });

    it('DOMAIN §3 fraud: a payment to be kept from the family is blocked (secrecy-payment)', () => {
      expect(screen('帮我垫付一下，别跟妈说，我下周还你', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'fraud', rule: 'secrecy-payment' });
      expect(screen('周末给爸过生日，别告诉爸妈我回来了', 'notification').outcome).toBe('PASS');
    });

    it('DOMAIN §3 fraud: scripted scams (fake customer service, investment groups, tax rebates) are blocked by their wording', () => {
      expect(screen('【某平台】您的百万保障险免费期已到，即将自动扣费', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'fraud' });
      expect(screen('加入我的投资群，导师带单，稳赚不亏', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'fraud' });
      expect(screen('HMRC: you are owed a tax rebate of £250, claim now.', 'international')).toMatchObject({ outcome: 'BLOCK', category: 'fraud' });
      expect(screen('I am a crypto trader and can double your investment, guaranteed profit.', 'international').outcome).toBe('BLOCK');
      // A lure to a personal account next to a refund is blocked (contact-lure with money).
      expect(screen('您的快递丢件了，双倍理赔，请加我微信办理', 'notification')).toMatchObject({ outcome: 'BLOCK', rule: 'contact-lure' });
      // An authority's "designated account" is a transfer demand.
      expect(screen('这里是公安局刑侦支队，请把存款转到我们指定的账户', 'notification')).toMatchObject({ outcome: 'BLOCK', rule: 'authority-transfer' });
    });

    it('DOMAIN §3 gambling: a betting word held on its own is blocked next to a top-up (stake-deposit)', () => {
      expect(screen('今晚这场球的赔率不错', 'notification')).toMatchObject({ outcome: 'REVIEW', category: 'gambling' });
      expect(screen('今晚这场球的赔率不错，先充值500', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'gambling', rule: 'stake-deposit' });
      expect(screen('Fixed matches tonight, deposit $50 for betting tips.', 'international')).toMatchObject({ outcome: 'BLOCK', category: 'gambling' });
      expect(screen('【某运营商】您已成功充值50元。', 'notification').outcome).toBe('PASS');
    });

    it('DOMAIN §3 SP subscription tricks: a reply instruction with a recurring charge is blocked (reply-charge)', () => {
      expect(screen('Reply YES to get daily jokes. Charged £3 per message.', 'international')).toMatchObject({ outcome: 'BLOCK', category: 'sp-trick', rule: 'reply-charge' });
      expect(screen('精彩彩信，回复1查看，资费10元/月', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'sp-trick', rule: 'reply-charge' });
      expect(screen('Reply YES to confirm your appointment on Monday.', 'international').outcome).toBe('PASS');
      expect(screen('Your plan renews automatically on 1 May.', 'international').outcome).toBe('PASS');
    });

    it('DOMAIN §3 categories in English: each international category has wording of its own', () => {
      const cases: Array<[string, ScreeningCategory]> = [
        ['Escort girls to your hotel in 30 minutes', 'pornography'],
        ['Smuggled luxury cars, no customs papers', 'smuggling'],
        ['Your number won in the mobile lottery', 'false-lottery'],
        ['Wealthy widow will support you financially', 'false-matchmaking'],
        ['Guaranteed residency in 30 days, call our immigration agent', 'unsolicited-ad'],
        ['Rise up and overthrow the government', 'political'],
        ['They are vermin, ethnic cleansing now', 'ethnic-hatred'],
        ['The end of the world is near, join our cult', 'cult'],
        ['We will bomb the station, join the attack', 'terror'],
        ['The tap water has been poisoned, share to save lives', 'rumour'],
        ['Everyone should know he is a thief', 'defamation'],
      ];
      for (const [text, category] of cases) expect({ text, ...screen(text, 'international') }).toMatchObject({ text, outcome: 'BLOCK', category });
      // Ordinary international texts still pass.
      expect(screen('Be sure windows are closed before the storm; the government office reopens Monday.', 'international').outcome).toBe('PASS');
    });

    it('DOMAIN §3 traditional/simplified: the new wording is found in traditional characters too', () => {
      expect(screen('【醫保中心】您的醫保卡已被凍結', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'fraud' });
      expect(screen('水貨豪車到港，不走正規報關', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'smuggling' });
      expect(screen('帥哥，今晚一個人嗎', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'pornography' });
    });
  });

  describe('fraud by structure, slang beside covert sale (lexicon v6; DOMAIN §3 fraud, drugs, weapons, crime-method)', () => {
    // Words and rules only: the statistical scorer (ADR 0037) is judged on its own.
    const rules = createScreeningEngine();

    it('DOMAIN §3 fraud: a pretext with an instruction is held (pretext-instruction), in Chinese and English; either alone passes', () => {
      expect(rules.screen('您的订单出现异常需要退款，请按提示操作领取', 'notification')).toMatchObject({ outcome: 'REVIEW', category: 'fraud', rule: 'pretext-instruction' });
      expect(rules.screen('Your refund is waiting. Reply with your sort code and card number to receive it.', 'international')).toMatchObject({ outcome: 'REVIEW', rule: 'pretext-instruction' });
      expect(rules.screen('您的退款已提交，请耐心等待。', 'notification').outcome).toBe('PASS');
      expect(rules.screen('明天记得私聊我，把周报发给我', 'notification').outcome).toBe('PASS');
    });

    it('DOMAIN §3 fraud: an honest notice\'s assurance (nothing to do, no fee, the official channel) clears the structure', () => {
      expect(rules.screen('【某平台】您的退款已原路退回，请在官方App查看，如有疑问请致电客服。', 'notification').outcome).toBe('PASS');
      expect(rules.screen('Your refund was approved; it goes back to the original payment method, no action is needed. Call our team with questions.', 'international').outcome).toBe('PASS');
    });

    it('DOMAIN §3 fraud: what no honest sender asks (safe account, fund check, gift cards, a third party\'s account) blocks with any pretext or payment (coerced)', () => {
      expect(rules.screen('你的名下有一宗案件，需要做资金清查，先把钱转到我们这边', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'fraud' });
      expect(rules.screen('I need you to pay the supplier in gift cards today, transfer is too slow', 'international')).toMatchObject({ outcome: 'BLOCK', rule: 'coerced' });
      expect(rules.screen("Can you send the rent to my friend's account this time? Transfer it tonight please", 'international')).toMatchObject({ outcome: 'BLOCK', rule: 'coerced' });
      // Alone it decides nothing.
      expect(rules.screen('Please keep this confidential until the launch on Monday', 'international').outcome).toBe('PASS');
    });

    it('DOMAIN §3 fraud: signals written with one character in pinyin still count', () => {
      expect(rules.screen('您的订单需要tui款，请按提示操作', 'notification')).toMatchObject({ outcome: 'REVIEW', rule: 'pretext-instruction' });
    });

    it('DOMAIN §3 anti-fraud warnings: a lure quoted after a warning in the same sentence is not a way out', () => {
      expect(rules.screen('【某银行】工作人员不会要求您下载会议软件或共享屏幕，更不存在安全账户。', 'notification').outcome).toBe('PASS');
      // Offered in a sentence of its own, it still is.
      expect(rules.screen('谨防诈骗。退款请下载会议软件共享屏幕，转入安全账户。', 'notification').outcome).toBe('REVIEW');
    });

    it('DOMAIN §3 drugs and weapons: slang that is also an ordinary word blocks only beside a covert-sale cue (covert-sale)', () => {
      expect(rules.screen('新到的叶子，货正，同城可送', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'drugs', rule: 'covert-sale' });
      expect(rules.screen('got some heat for sale, cash only, meet in person', 'international')).toMatchObject({ outcome: 'BLOCK', category: 'weapons', rule: 'covert-sale' });
      expect(rules.screen('秋天的叶子真好看，周末去爬山吧', 'notification').outcome).toBe('PASS');
      expect(rules.screen('Snow expected tonight, drive safely', 'international').outcome).toBe('PASS');
    });

    it('DOMAIN §3 crime-method and weapons: a held tool word is blocked beside a covert-sale cue; unambiguous ones block alone', () => {
      expect(rules.screen('新机跑分破百万，性能强劲', 'notification')).toMatchObject({ outcome: 'REVIEW', category: 'crime-method' });
      expect(rules.screen('专业跑分，私信下单，日结', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'crime-method', rule: 'covert-sale' });
      expect(rules.screen('出租银行卡，月入过千', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'crime-method' });
      expect(rules.screen('甩棍防身，快递到家', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'weapons' });
    });
  });

  describe('URLs only from the allow-list (DOMAIN §2 ${url} allow-listed domains; rule url-not-allowed)', () => {
    it('given a link to an allow-listed domain or its subdomain, when screened, then it passes', () => {
      expect(screen('详情见 https://help.aliyun.com/doc', 'notification').outcome).toBe('PASS');
      expect(screen('详情见 www.jd.com', 'notification').outcome).toBe('PASS');
    });

    it('given a link anywhere else, when screened, then it is held with url-not-allowed and its span', () => {
      const text = '点击 http://evil-aliyun.com.xyz/a?b=1 领取';
      const result = screen(text, 'notification');
      expect(result).toMatchObject({ outcome: 'REVIEW', category: 'url-not-allowed' });
      expect(result.matches).toEqual([{ term: 'evil-aliyun.com.xyz', category: 'url-not-allowed', level: 'REVIEW', index: 3, start: 3, end: 35 }]);
      expect(text.slice(3, 35)).toBe('http://evil-aliyun.com.xyz/a?b=1');
    });

    it('given a bare domain, full-width letters or ideographic full stops, when screened, then it is still a link', () => {
      expect(screen('登录 t.cn/abc 查看', 'notification').category).toBe('url-not-allowed');
      expect(screen('登录ｅｘａｍｐｌｅ。ｔｏｐ查看', 'notification').matches[0]).toMatchObject({ term: 'example.top' });
      // Ordinary sentences with full stops and decimals are not links.
      expect(screen('Done. Thanks.Amount 2.50 paid', 'notification').outcome).toBe('PASS');
    });

    it('given SCREENING_URL_ALLOWLIST, when the engine is configured from it, then only those domains pass', () => {
      const config = screeningConfigFromEnv({ SCREENING_URL_ALLOWLIST: 'example.com, *.corp.cn', SCREENING_SCORER: 'off' });
      expect(config).toEqual({ urlAllowList: ['example.com', 'corp.cn'] });
      const engine = createScreeningEngine(LEXICON, config);
      expect(engine.screen('见 https://a.example.com/x', 'notification').outcome).toBe('PASS');
      expect(engine.screen('见 https://www.aliyun.com', 'notification').category).toBe('url-not-allowed');
      expect(screeningConfigFromEnv({ SCREENING_SCORER: 'off' })).toEqual({});
    });
  });

  describe('inserted separators never hide a term (DOMAIN §3: inserted spaces or symbols; property)', () => {
    const separators = fc.constantFrom(' ', '\u3000', '\u200b', '\u200c', '\u200d', '\ufeff', '\u00a0', '.', '*', '#', '-', '_', '/', '|', '~', '·', '、', '，', '。', '！', '♥', '★', '😀', '\t', '\n');

    it('given any lexicon term with any run of separators between any of its characters, when screened, then it is found with its category and action', () => {
      fc.assert(
        fc.property(fc.constantFrom(...LEXICON), fc.array(fc.array(separators, { maxLength: 3 }), { minLength: 40, maxLength: 40 }), (entry, gaps) => {
          const spaced = Array.from(entry.term)
            .map((c, i) => (i === 0 ? c : gaps[i % gaps.length].join('') + c))
            .join('');
          const result = screen(`通知：${spaced}。`, 'notification');
          const found = result.matches.some((m) => m.term === entry.term && m.category === entry.category && m.level === entry.action);
          return found && (entry.action === 'REVIEW' || result.outcome === 'BLOCK');
        }),
        { numRuns: 2000 },
      );
    });
  });

  describe('lexicon (ADR 0031)', () => {
    it('is versioned, and every term has a category of CONTRACTS.md and an action', () => {
      expect(createScreeningEngine().version).toBe(LEXICON_VERSION);
      for (const entry of LEXICON) {
        expect(SCREENING_CATEGORIES).toContain(entry.category);
        expect(['BLOCK', 'REVIEW']).toContain(entry.action);
      }
    });

    it('has at least a dozen terms in each category, in Chinese and English', () => {
      for (const category of SCREENING_CATEGORIES) expect({ category, count: LEXICON.filter((e) => e.category === category).length }).toEqual({ category, count: expect.any(Number) });
      const counts = SCREENING_CATEGORIES.map((c) => LEXICON.filter((e) => e.category === c).length);
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(10);
      expect(LEXICON.some((e) => /^[a-z ]+$/.test(e.term))).toBe(true);
    });
  });
});
