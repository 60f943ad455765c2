import { SCORER_DEFAULT } from './screening/domain/screen';
import { loadConfig } from '@sms/service-kit';
import { ContentReviewConfig } from './content-review.config';
import { CONTENT_REVIEW_SERVICE } from './index';
import { DEFAULT_BLOCKED_CONTENT } from './supervision/domain/blocked-content';
import { DEFAULT_COMPLAINT_RATE } from './supervision/domain/complaint-rate';

const settings = (env: Record<string, string>) => loadConfig(env).settings(ContentReviewConfig);

describe('ContentReviewConfig', () => {
  it('defaults to the rules\' and the engine\'s own defaults: 24 h windows, 10 per 10,000 from 5 complaints, 20 blocks and 50 ‰, the built-in URL list, the scorer as SCORER_DEFAULT (ADR 0037)', () => {
    const config = settings({});
    expect(config.complaintRate).toEqual(DEFAULT_COMPLAINT_RATE);
    expect(config.complaintRate).toEqual({ windowHours: 24, thresholdPer10k: 10, minCount: 5 });
    expect(config.blockedContent).toEqual(DEFAULT_BLOCKED_CONTENT);
    expect(config.blockedContent).toEqual({ windowHours: 24, minCount: 20, ratePermille: 50 });
    expect(config.complaintKeywords).toEqual([]);
    expect(config.urlAllowList).toBeUndefined();
    expect(config.SCREENING_SCORER).toBe(SCORER_DEFAULT);
    expect(config.screeningEngine.urlAllowList).toBeUndefined();
    expect(config.screeningEngine.scorer !== undefined).toBe(SCORER_DEFAULT === 'on');
    // Blank is unset, as for every other setting.
    expect(settings({ SCREENING_URL_ALLOWLIST: '', COMPLAINT_KEYWORDS: '' })).toMatchObject({ urlAllowList: undefined, complaintKeywords: [] });
  });

  it('reads every setting from the environment the platform reads', () => {
    const config = settings({
      COMPLAINT_WINDOW_HOURS: '6',
      COMPLAINT_RATE_THRESHOLD: '2.5',
      COMPLAINT_MIN_COUNT: '3',
      COMPLAINT_KEYWORDS: ' JUNK ,广告太多，junk mail,, ',
      BLOCKED_CONTENT_WINDOW_HOURS: '1.5',
      BLOCKED_CONTENT_MIN_COUNT: '7',
      BLOCKED_CONTENT_RATE_PERMILLE: '12.5',
      SCREENING_URL_ALLOWLIST: 'Example.com, *.corp.cn,.xn--fiqs8s.cn',
      SCREENING_SCORER: ' OFF ',
    });
    expect(config.complaintRate).toEqual({ windowHours: 6, thresholdPer10k: 2.5, minCount: 3 });
    expect(config.blockedContent).toEqual({ windowHours: 1.5, minCount: 7, ratePermille: 12.5 });
    expect(config.complaintKeywords).toEqual(['JUNK', '广告太多', 'junk mail']);
    expect(config.urlAllowList).toEqual(['example.com', 'corp.cn', 'xn--fiqs8s.cn']);
    expect(config.SCREENING_SCORER).toBe('off');
    expect(config.screeningEngine).toEqual({ urlAllowList: ['example.com', 'corp.cn', 'xn--fiqs8s.cn'] });
    // The edges of the ranges are allowed.
    expect(settings({ BLOCKED_CONTENT_RATE_PERMILLE: '0', COMPLAINT_RATE_THRESHOLD: '0', COMPLAINT_WINDOW_HOURS: '1' }).blockedContent.ratePermille).toBe(0);
    expect(settings({ BLOCKED_CONTENT_RATE_PERMILLE: '1000', COMPLAINT_KEYWORDS: Array.from({ length: 50 }, (_, i) => `K${i}`).join(',') }).complaintKeywords).toHaveLength(50);
    expect(settings({ COMPLAINT_KEYWORDS: 'x'.repeat(32) }).complaintKeywords).toEqual(['x'.repeat(32)]);
  });

  it.each([
    ['COMPLAINT_WINDOW_HOURS', '0'],
    ['COMPLAINT_WINDOW_HOURS', 'a day'],
    ['COMPLAINT_WINDOW_HOURS', '2161'],
    ['COMPLAINT_RATE_THRESHOLD', '-1'],
    ['COMPLAINT_RATE_THRESHOLD', 'ten'],
    ['COMPLAINT_MIN_COUNT', '0'],
    ['COMPLAINT_MIN_COUNT', '2.5'],
    ['COMPLAINT_MIN_COUNT', 'x'],
    ['COMPLAINT_KEYWORDS', Array.from({ length: 51 }, (_, i) => `K${i}`).join(',')],
    ['COMPLAINT_KEYWORDS', `JUNK,${'x'.repeat(33)}`],
    ['COMPLAINT_KEYWORDS', 'JUNK,！'],
    ['BLOCKED_CONTENT_WINDOW_HOURS', '0'],
    ['BLOCKED_CONTENT_WINDOW_HOURS', 'Infinity'],
    ['BLOCKED_CONTENT_MIN_COUNT', '0'],
    ['BLOCKED_CONTENT_MIN_COUNT', '2.5'],
    ['BLOCKED_CONTENT_RATE_PERMILLE', '1001'],
    ['BLOCKED_CONTENT_RATE_PERMILLE', '-0.5'],
    ['BLOCKED_CONTENT_RATE_PERMILLE', 'x'],
    ['SCREENING_URL_ALLOWLIST', 'com'],
    ['SCREENING_URL_ALLOWLIST', 'example.com,,taobao.com'],
    ['SCREENING_URL_ALLOWLIST', 'https://example.com'],
    ['SCREENING_URL_ALLOWLIST', 'example.com/path'],
    ['SCREENING_URL_ALLOWLIST', 'exa mple.com'],
    ['SCREENING_URL_ALLOWLIST', '-example.com'],
    ['SCREENING_URL_ALLOWLIST', '例子.中国'],
    ['SCREENING_SCORER', 'maybe'],
    ['SCREENING_SCORER', 'true'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => settings({ [name]: value })).toThrow(name);
  });

  it('names the domain or keyword it refuses', () => {
    expect(() => settings({ SCREENING_URL_ALLOWLIST: 'example.com, https://evil.example' })).toThrow(/not "https:\/\/evil\.example"/);
    expect(() => settings({ COMPLAINT_KEYWORDS: `JUNK,${'y'.repeat(40)}` })).toThrow(/longer than 32 characters/);
  });

  it('is among the settings the hosts validate before anything starts (runServiceMain, the embedded platform)', () => {
    expect(CONTENT_REVIEW_SERVICE.settings).toContain(ContentReviewConfig);
  });
});
