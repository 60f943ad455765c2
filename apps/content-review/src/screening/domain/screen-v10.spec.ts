import { LEXICON_VERSION } from './lexicon';
import { createScreeningEngine } from './screen';

// Lexicon v10 (ADR 0031 addendum 6): fraud as conversation (DOMAIN §3 fraud) — investment grooming, withdrawals held
// for a fee, fake refunds and compensation, advance-fee loans, task scams, romance turned to money, impersonated
// officials, gift cards as payment. The sentences below are written for this spec (not corpus rows, not public corpora).
describe('screening with lexicon v10', () => {
  const engine = createScreeningEngine();
  const outcome = (text: string, kind: 'notification' | 'international' | 'marketing' = 'notification') => [text, engine.screen(text, kind).outcome];

  it('is version 10', () => {
    expect(LEXICON_VERSION).toBe(10);
    expect(engine.version).toBe(10);
  });

  it('DOMAIN §3 fraud: a fee or a top-up before money can be received is blocked (withdrawals, loans, task scams)', () => {
    for (const text of [
      '您在平台的收益已到账，但账户被风控冻结，需缴纳20%个人所得税后才能提现。',
      '您的贷款已审批通过，资金已被冻结，需缴纳解冻金后重新放款。',
      '亲，您的任务还差最后一单，需要继续充值才能提现本金和佣金。',
      'Your loan of $5,000 is approved. Pay the loan insurance fee of $150 and the funds go out today.',
      'You have a combo task pending. Top up to complete the set, then you can withdraw everything.',
      'We can recover your losses from the crypto scam. Our funds recovery team needs an upfront fee to begin.',
    ]) {
      expect(engine.screen(text, 'notification')).toMatchObject({ outcome: 'BLOCK', category: 'fraud' });
    }
  });

  it('DOMAIN §3 fraud: grooming towards a platform, a mentor or a signals group is held (pretext-instruction)', () => {
    expect(engine.screen('王姐，跟着我们分析师做了三天，账户已经翻了一倍，注册平台后我让助理联系您。', 'notification')).toMatchObject({
      outcome: 'REVIEW', category: 'fraud', rule: 'pretext-instruction',
    });
    expect(engine.screen('I have been making steady profits with a signals group my uncle runs. Sign up on the platform and I can add you.', 'international'))
      .toMatchObject({ outcome: 'REVIEW', rule: 'pretext-instruction' });
  });

  it('DOMAIN §3 fraud: money the recipient is told they are owed, to be received by handing over a card or contact, is held', () => {
    expect(engine.screen('尊敬的用户，您的账户有一笔3,600元的平台赔付未领取，请联系客服提供卡号办理。', 'notification').outcome).toBe('REVIEW');
    expect(engine.screen('Good news: you are owed £236. To receive your refund, send your card details to the claims team.', 'international').outcome).toBe('REVIEW');
  });

  it('DOMAIN §3 fraud: a partner stuck at customs asking for money is held (relation-problem); gift cards as a fee are blocked', () => {
    expect(engine.screen('亲爱的，我在海关被扣了，需要交一笔清关费，你先帮我转一下，我到了就还你。', 'notification')).toMatchObject({
      outcome: 'REVIEW', rule: 'relation-problem',
    });
    expect(engine.screen('Your account is on hold. To avoid closure, pay the verification fee with an Apple gift card and reply with the code.', 'international'))
      .toMatchObject({ outcome: 'BLOCK', category: 'fraud' });
  });

  it('DOMAIN §3 fraud: an official asking for a fund check or threatening arrest over a summons is blocked', () => {
    expect(engine.screen('您好，这里是市公安局经侦支队，现需对您名下资金进行核查，请将资金转到指定账户。', 'notification')).toMatchObject({
      outcome: 'BLOCK', rule: 'authority-transfer',
    });
    expect(engine.screen('This is the Crown Court. A summons has been issued in your name. Call the case officer today to avoid arrest.', 'international'))
      .toMatchObject({ outcome: 'BLOCK', category: 'fraud' });
  });

  it('honest notices about refunds, withdrawals, loans, claims, bills, parcels and courts stay PASS', () => {
    for (const text of [
      '【招商银行】您尾号1234的账户本月有一笔退款36.00元已原路退回，无需任何操作。',
      '【微信支付】您已成功提现500.00元到招商银行尾号1234，预计2小时内到账。',
      '【平安银行】您申请的贷款已放款50,000.00元至尾号1234账户，请留意到账。',
      '您好，您的理赔申请已审核通过，赔款3,200元将在3个工作日内打到您的银行账户，无需缴纳任何费用。',
      '【某某法院】您的案件（2024）苏0508民初1234号将于6月5日开庭，请准时到庭。',
      '【中国联通】您的话费余额不足，请及时充值。',
      '您的快递已到驿站，凭取件码5-2-1103领取。',
      '家长您好，本周五下午开家长会，请加班主任老师微信进群接收通知。',
      'Your withdrawal of $200 to your bank account has been completed.',
      'Your broker: your withdrawal request of £1,500 is being processed and should arrive in 2-3 working days.',
      'Your insurance claim has been approved; the payout of $1,200 will be sent to your bank account on file.',
      'Our records show you overpaid your last bill by £12.30. We will refund this to your card automatically, nothing you need to do.',
      'Your gift card balance is £12.40. Thanks for shopping with us.',
      'Your parcel has arrived at the pick-up point. Collect your parcel within 5 days with this code: 4471.',
      'Reminder: your council tax payment is overdue. Please pay now to avoid further action.',
    ]) {
      expect(outcome(text)).toEqual([text, 'PASS']);
    }
    expect(outcome('Thanks for your order! Use code SAVE10 to claim 10% off your next purchase. Reply STOP to opt out.', 'marketing')).toEqual([
      'Thanks for your order! Use code SAVE10 to claim 10% off your next purchase. Reply STOP to opt out.', 'PASS',
    ]);
  });
});
