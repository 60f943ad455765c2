import { COMPLAINT_KEYWORDS, complaintMatcher, parseComplaintKeywords, unusableKeyword } from './complaint-keywords';

describe('complaint keywords in MO replies (terms §3.4; ADR 0034 "Complaint keywords")', () => {
  const matcher = complaintMatcher();
  const complaint = (text: string) => matcher.isComplaint(text);

  it('counts a reply that is a keyword, whatever its width, case, punctuation or separators', () => {
    for (const keyword of COMPLAINT_KEYWORDS) expect([keyword, complaint(keyword)]).toEqual([keyword, true]);
    for (const text of ['投诉', '投诉！', ' 举报。', '垃 圾 短 信', '詐騙', '骚扰', '诈骗短信', 'spam', 'Spam!', 'ＳＰＡＭ', 'S.P.A.M', 'report', 'Complain', 'abuse.']) {
      expect([text, complaint(text)]).toEqual([text, true]);
    }
  });

  it('counts a short reply led by a keyword — a Latin one only as a whole word', () => {
    for (const text of ['投诉你们天天发广告', '举报：冒充银行', 'SPAM - stop texting me', 'Report this sender', 'abuse, never subscribed', 'complaint: unsolicited']) {
      expect([text, complaint(text)]).toEqual([text, true]);
    }
    for (const text of ['Spammy deals are fun', 'Reported already', 'Abusers beware', 'Complaining is futile']) expect([text, complaint(text)]).toEqual([text, false]);
  });

  it('counts a Chinese keyword anywhere in a very short reply', () => {
    for (const text of ['我要投诉', '别再骚扰我了', '这是垃圾短信', '你们是诈骗吧']) expect([text, complaint(text)]).toEqual([text, true]);
  });

  it('does not count an ordinary reply that merely contains a keyword', () => {
    for (const text of [
      'Your report is ready, thanks',
      'Thanks, I will report back tomorrow',
      'please send the report',
      '好的，收到，谢谢。关于上次投诉的事情我已经和客服沟通过了，问题已经解决',
      '我想了解一下你们的服务是否支持举报功能以及后续怎么处理',
      'TD',
      '退订',
      '好的',
      '',
      '   ',
      '！！！',
    ]) {
      expect([text, complaint(text)]).toEqual([text, false]);
    }
  });

  it('adds the configured keywords (COMPLAINT_KEYWORDS, comma-separated) with the same rules', () => {
    const extra = parseComplaintKeywords(' JUNK ,广告太多，junk mail,, ');
    expect(extra).toEqual(['JUNK', '广告太多', 'junk mail']);
    const configured = complaintMatcher(extra);
    for (const text of ['junk', 'Junk mail again!', '广告太多', '你们广告太多']) expect([text, configured.isComplaint(text)]).toEqual([text, true]);
    expect(configured.isComplaint('Junky stuff')).toBe(false);
    expect(matcher.isComplaint('junk')).toBe(false);
    expect(parseComplaintKeywords('')).toEqual([]);
    expect(complaintMatcher(['  ', '！']).isComplaint('hello')).toBe(false);
  });

  it('says why an extra keyword cannot be used: longer than 32 characters, or nothing left once folded', () => {
    expect(unusableKeyword('JUNK')).toBeUndefined();
    expect(unusableKeyword('广告太多')).toBeUndefined();
    expect(unusableKeyword('x'.repeat(32))).toBeUndefined();
    expect(unusableKeyword('x'.repeat(33))).toMatch(/longer than 32/);
    expect(unusableKeyword('！')).toMatch(/no letter or digit/);
  });
});
