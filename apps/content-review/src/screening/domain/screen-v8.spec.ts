import { LEXICON_VERSION } from './lexicon';
import { createScreeningEngine } from './screen';

// Lexicon v8 (ADR 0031 addendum 4): breadth of vocabulary for DOMAIN §3's terror, false-recruitment and fraud categories.
// The sentences below are written for this spec (not corpus rows): each rule is shown firing and staying quiet.
describe('screening with lexicon v8', () => {
  const engine = createScreeningEngine();

  it('is version 8 or later (v9 keeps every v8 term and signal)', () => {
    expect(LEXICON_VERSION).toBeGreaterThanOrEqual(8);
    expect(engine.version).toBe(LEXICON_VERSION);
  });

  it('DOMAIN §3 false-recruitment: a job that asks a fee before starting is blocked (recruitment-fee)', () => {
    expect(engine.screen('急招仓库分拣员，包吃住，上岗前需缴纳工服费200元。', 'notification')).toMatchObject({
      outcome: 'BLOCK', category: 'false-recruitment', rule: 'recruitment-fee',
    });
    expect(engine.screen('Remote job available: pay the refundable deposit for your laptop and start Monday.', 'international')).toMatchObject({
      outcome: 'BLOCK', rule: 'recruitment-fee',
    });
  });

  it('DOMAIN §3 false-recruitment: a job with effortless pay is held, and blocked once the recruiter moves to a chat app (recruitment-lure)', () => {
    expect(engine.screen('We are hiring: earn up to 300 per day, flexible hours.', 'international')).toMatchObject({
      outcome: 'REVIEW', category: 'false-recruitment', rule: 'recruitment-lure',
    });
    expect(engine.screen('We are hiring: earn up to 300 per day. Add my WhatsApp for details.', 'international')).toMatchObject({
      outcome: 'BLOCK', category: 'false-recruitment',
    });
    expect(engine.screen('诚聘兼职，手机操作，时间自由，加微信了解。', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'false-recruitment' });
  });

  it('false-recruitment: an ordinary hiring or a pay notice is not held', () => {
    expect(engine.screen('您的面试安排在周三上午10点，地点：人事部三楼。', 'notification').outcome).toBe('PASS');
    expect(engine.screen('Your salary for March has been paid into your account.', 'notification').outcome).toBe('PASS');
    expect(engine.screen('Car hire from 30 per day, deposit 200, collect at the airport desk.', 'international').outcome).toBe('PASS');
  });

  it('DOMAIN §3 terror: violence against a crowd is held, and blocked with a declared intent (attack-threat)', () => {
    expect(engine.screen('Someone said there will be an attack at the station.', 'international')).toMatchObject({
      outcome: 'REVIEW', category: 'terror', rule: 'attack-threat',
    });
    expect(engine.screen('兄弟们准备好了，周五去广场砍人。', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'terror' });
    expect(engine.screen('Get ready brothers, we will open fire at the parade.', 'international')).toMatchObject({ outcome: 'BLOCK', category: 'terror' });
  });

  it('DOMAIN §3 terror: explosive devices and recruitment to violence are blocked in other words than the old keywords', () => {
    expect(engine.screen('教你用化肥做土制炸弹，材料清单私聊。', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'terror' });
    expect(engine.screen('The brothers need you. Take up arms for the caliphate.', 'international')).toMatchObject({ outcome: 'BLOCK', category: 'terror' });
  });

  it('terror: ordinary uses of 爆炸 / blast / 袭击 are not held', () => {
    expect(engine.screen('全场爆炸价，今晚商场见！退订回T', 'marketing').outcome).toBe('PASS');
    expect(engine.screen('Have a blast at the festival this weekend! Reply STOP to opt out', 'marketing').outcome).toBe('PASS');
    expect(engine.screen('比赛第80分钟主队发起反击，最终2比1获胜。', 'notification').outcome).toBe('PASS');
    expect(engine.screen('Bath bombs are back at the shopping mall. Get ready! Reply STOP to unsubscribe', 'marketing').outcome).toBe('PASS');
  });

  it('DOMAIN §3 fraud: other ways to say coercion, secrecy and impersonation still block', () => {
    expect(engine.screen('这是秘密调查，请找个安静的房间，不要挂断，把资金转入新账户。', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'fraud' });
    expect(engine.screen('妈，是我，借朋友的手机发的，急需用钱，先帮我付一下房租。', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'fraud' });
    expect(engine.screen('Stay on the line and buy gift cards, the fraud team will read the codes.', 'international')).toMatchObject({ outcome: 'BLOCK', category: 'fraud' });
  });

  it('fraud: an honest notice with the same pretext words is not held', () => {
    expect(engine.screen('您的退款已原路退回，无需任何操作。', 'notification').outcome).toBe('PASS');
    expect(engine.screen('We spotted suspicious activity and blocked the payment. No action is needed.', 'international').outcome).toBe('PASS');
  });
});
