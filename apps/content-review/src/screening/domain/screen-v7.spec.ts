import { createScreeningEngine } from './screen';

// Lexicon v7 (ADR 0031 addendum 3): the rules are DOMAIN §3's fraud, terror and false-recruitment categories.
describe('screening with lexicon v7', () => {
  const engine = createScreeningEngine();

  it('DOMAIN §3 fraud: a threat of exposure with a demand is extortion and is blocked (threat-demand)', () => {
    const result = engine.screen('I have recorded you through your webcam. Send the money in BTC within 48 hours or it goes to everyone.', 'international');
    expect(result).toMatchObject({ outcome: 'BLOCK', category: 'fraud', rule: 'threat-demand' });
    expect(engine.screen('你看的视频我都录下来了，48小时内转给我，不然发给你通讯录里所有人。', 'notification').outcome).toBe('BLOCK');
  });

  it('DOMAIN §3 fraud: a threat alone is held, not blocked', () => {
    expect(engine.screen('Your face is clear in the recording.', 'international')).toMatchObject({ outcome: 'REVIEW', rule: 'threat-demand' });
  });

  it('DOMAIN §3 fraud: subsidy, inheritance and overcharge pretexts with an instruction are held (pretext-instruction)', () => {
    expect(engine.screen('根据最新政策，您可申领职业技能补贴，请扫描二维码输入银行卡号和密码。', 'notification').outcome).not.toBe('PASS');
    expect(engine.screen('您是唯一继承人，这笔遗产需先支付公证费即可办理。', 'notification').outcome).not.toBe('PASS');
    expect(engine.screen('Our till overcharged you last week. Reply with your card details and we will put it right.', 'international')).toMatchObject({
      outcome: 'REVIEW',
      rule: 'pretext-instruction',
    });
  });

  it('DOMAIN §3 fraud: a donation to a private account or a PIN to receive money is coerced (blocked)', () => {
    expect(engine.screen('灾区紧急募捐，扫码捐款直达个人账户。', 'notification')).toMatchObject({ outcome: 'BLOCK', rule: 'coerced' });
    expect(engine.screen('I paid for the sofa, scan my QR code and enter your PIN to receive the money.', 'international')).toMatchObject({ outcome: 'BLOCK', rule: 'coerced' });
  });

  it('DOMAIN §3 fraud: a friend in trouble asking to keep a payment secret is blocked', () => {
    expect(engine.screen("Mum, I'm in trouble. Can you send it now? Please don't tell anyone.", 'international').outcome).toBe('BLOCK');
  });

  it('keeps the legitimate twins passing: official subsidy, court and refund notices, a real landlord', () => {
    for (const text of [
      '【杭州财政局】您申报的家电以旧换新补贴88.00元已审核通过，将发放至申报账户，无需缴纳任何费用。',
      '【杭州人社】您的养老金已发放至社保卡，领取资格认证可在“掌上12333”App自助办理，全程免费。',
      '【中國銀行】您的8万貸款已全部結清，本行從不收取“解凍費”“流水驗證費”，如遇此類要求請撥打本行客服熱線核實。',
      '张先生您好，我是那套房子的房东，下周二上午可以来看房，押金等签合同的时候当面交就行。',
    ]) {
      expect(engine.screen(text, 'notification').outcome).toBe('PASS');
    }
    for (const text of [
      'County Court: your hearing is listed for 3 Nov at 10am. Details are in your online case account. We never take payments by text.',
      'Acme: thanks for calling us back about order #4471. Your replacement ships today. There is nothing you need to do.',
      'Tax office: your refund has been approved and will be paid to your registered account. We never send payment links.',
    ]) {
      expect(engine.screen(text, 'international').outcome).toBe('PASS');
    }
  });

  it('DOMAIN §3 terror and false-recruitment: attack plans and passport-holding jobs are blocked', () => {
    expect(engine.screen('要让他们血债血偿，周末在商场集合。', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'terror' });
    expect(engine.screen('Vests are ready. Take no prisoners.', 'international')).toMatchObject({ outcome: 'BLOCK', category: 'terror' });
    expect(engine.screen('急招海外客服，包机票，护照由公司保管。', 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'false-recruitment' });
  });

  it('DOMAIN §3 fraud: a link in Cyrillic look-alike letters is held as a link outside the allow-list', () => {
    expect(engine.screen('您的医保账户余额即将清零，请点击 httр://уbj-р9Тt4.сn 办理。', 'notification').outcome).not.toBe('PASS');
  });

  it('does not read "日入" in dates, or "pay me" inside "payment"', () => {
    expect(engine.screen('【招商银行】您尾号0427的账户1月27日入账499.00元。', 'notification').outcome).toBe('PASS');
    expect(engine.screen('Your refund is approved. We never send payment links.', 'international').outcome).toBe('PASS');
  });
});
