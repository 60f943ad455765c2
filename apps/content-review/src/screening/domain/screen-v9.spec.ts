import { LEXICON_VERSION } from './lexicon';
import { createScreeningEngine } from './screen';

// Lexicon v9 (ADR 0031 addendum 5): fraud written as conversation and terror beyond attack threats (DOMAIN §3).
// The sentences below are written for this spec (not corpus rows): each rule is shown firing and staying quiet.
describe('screening with lexicon v9', () => {
  const engine = createScreeningEngine();

  it('is version 9 or later', () => {
    expect(LEXICON_VERSION).toBeGreaterThanOrEqual(9);
    expect(engine.version).toBe(LEXICON_VERSION);
  });

  it('DOMAIN §3 fraud: an ask pressed by urgency and levered by someone trusted, trouble, an impersonation or a pretext is held (urgent-request)', () => {
    expect(engine.screen('哥们，江湖救急，v我500，回头说', 'notification')).toMatchObject({ outcome: 'REVIEW', category: 'fraud', rule: 'urgent-request' });
    expect(engine.screen('Someone sent 2000 to your account by mistake, please pay it back urgently', 'international')).toMatchObject({
      outcome: 'REVIEW', rule: 'urgent-request',
    });
  });

  it('urgent-request: dues are no leverage — operators, utilities and couriers press for overdue bills and waiting parcels every day', () => {
    for (const text of ['您的话费已欠费，请尽快缴费以免停机。', 'Your bill is overdue, please pay immediately', 'Urgent: your account payment is overdue, please pay now to avoid suspension.']) {
      expect([text, engine.screen(text, 'notification').outcome]).toEqual([text, 'PASS']);
    }
  });

  it('urgent-request needs all three elements, and an honest assurance clears it', () => {
    expect(engine.screen('Mum can you pick me up from school asap?', 'notification').outcome).toBe('PASS');
    expect(engine.screen('Hurry! Last chance to buy our summer range. Reply STOP to opt out', 'marketing').outcome).toBe('PASS');
    expect(engine.screen('老公，快递到了，你尽快下楼拿一下', 'notification').outcome).toBe('PASS');
    expect(engine.screen('你的包裹已逾期未取，请尽快付款取件，无需缴纳任何额外费用', 'notification').outcome).toBe('PASS');
  });

  it('DOMAIN §3 fraud: someone trusted with a problem asking for money is held (relation-problem)', () => {
    expect(engine.screen('妈，我在医院，手术费差点钱，你先转我三千', 'notification')).toMatchObject({ outcome: 'REVIEW', category: 'fraud' });
    expect(engine.screen('Dad, had an accident with the car, could you send 200 for the garage', 'international')).toMatchObject({
      outcome: 'REVIEW', rule: 'relation-problem',
    });
    expect(engine.screen('妈，我在医院看牙，下午回家', 'notification').outcome).toBe('PASS');
  });

  it('DOMAIN §3 fraud: a boss or relative asking for money from a new footing, or in secret, is blocked', () => {
    expect(engine.screen('我是你领导，先帮我给客户转一笔款', 'notification')).toMatchObject({ outcome: 'BLOCK', rule: 'impersonation-payment' });
    expect(engine.screen('Can you transfer 400 today? Just between us, nobody needs to know.', 'international')).toMatchObject({
      outcome: 'BLOCK', rule: 'secrecy-payment',
    });
    expect(engine.screen('Please grab some gift cards for the client and send me the codes on the back', 'international')).toMatchObject({
      outcome: 'BLOCK', category: 'fraud',
    });
  });

  it('DOMAIN §3 terror: recruitment, financing, glorification, weapons of mass harm and threats against places are blocked', () => {
    for (const text of [
      'Brothers, fund the mujahideen, every coin is a bullet',
      'Glory to the martyrs, the attack was a blessing',
      '兄弟们，效忠哈里发，去叙利亚参战',
      'Step by step: how to make ricin at home',
      '有人在商场安放炸弹，今天下午',
      'There is a bomb on the second floor, you will all die',
    ]) {
      expect(engine.screen(text, 'international')).toMatchObject({ outcome: 'BLOCK', category: 'terror' });
    }
    expect(engine.screen('我会在地铁站放炸弹，你们等着', 'notification')).toMatchObject({ outcome: 'BLOCK', rule: 'attack-threat' });
  });

  it('terror: ordinary senses stay quiet', () => {
    expect(engine.screen('The concert was a blast, everyone there loved it, I will go again', 'international').outcome).toBe('PASS');
    expect(engine.screen('今晚演唱会引爆全场，我会早点到体育场', 'notification').outcome).toBe('PASS');
    expect(engine.screen('Sarina, your pricing review is at 3pm', 'notification').outcome).toBe('PASS');
    expect(engine.screen('我们明天去机场接你，飞机上注意保暖', 'notification').outcome).toBe('PASS');
  });
});
