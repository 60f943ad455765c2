import { SCORER_DEFAULT } from './screening/domain/screen';
import { callJson, type ServiceUnderTest, startServiceUnderTest } from '@sms/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentReviewConfig } from './content-review.config';
import { ContentReviewModule } from './content-review.module';
import { CurrentLexicon } from './lexicon/application/current-lexicon';
import type { ComplaintMatcher } from './supervision/domain/complaint-keywords';
import { BLOCKED_CONTENT_CONFIG, COMPLAINT_MATCHER, SUPERVISION_CONFIG } from './supervision/application/tokens';

// Ordinary wording the lexicon passes; only the URL's host differs.
const LINK_TO = (host: string) => `您的订单已发货，查看物流 https://${host}/o/12345`;

describe('content-review takes its settings from ContentReviewConfig (SQLite + in-process bus, real HTTP)', () => {
  const dirs: string[] = [];
  const services: ServiceUnderTest[] = [];
  let configured: ServiceUnderTest;
  let defaults: ServiceUnderTest;

  const start = async (config: Record<string, string>) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'content-review-config-int-'));
    dirs.push(dataDir);
    const service = await startServiceUnderTest({ module: ContentReviewModule, dataDir, config });
    services.push(service);
    return service;
  };
  const outcome = async (service: ServiceUnderTest, content: string) => {
    const response = await callJson('POST', `${service.url}/v1/screenings`, { content, kind: 'notification' });
    expect(response.status).toBe(200);
    return response.body.outcome as string;
  };

  beforeAll(async () => {
    configured = await start({
      SCREENING_URL_ALLOWLIST: 'Example.com',
      SCREENING_SCORER: 'off',
      COMPLAINT_WINDOW_HOURS: '6',
      COMPLAINT_RATE_THRESHOLD: '2.5',
      COMPLAINT_MIN_COUNT: '3',
      COMPLAINT_KEYWORDS: 'JUNK,广告太多',
      BLOCKED_CONTENT_WINDOW_HOURS: '12',
      BLOCKED_CONTENT_MIN_COUNT: '4',
      BLOCKED_CONTENT_RATE_PERMILLE: '100',
    });
    defaults = await start({});
  }, 30_000);

  afterAll(async () => {
    for (const service of services) await service.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('screens with the configured URL allow-list and scorer setting, with the built-in ones by default', async () => {
    expect(await outcome(configured, LINK_TO('shop.example.com'))).toBe('PASS');
    expect(await outcome(configured, LINK_TO('taobao.com'))).toBe('REVIEW');

    expect(await outcome(defaults, LINK_TO('shop.example.com'))).toBe('REVIEW');
    expect(await outcome(defaults, LINK_TO('taobao.com'))).toBe('PASS');
    // Every lexicon version's engine is built with them: the scorer (ADR 0037) off as configured, SCORER_DEFAULT by default.
    expect(configured.get(CurrentLexicon).engineConfig).toEqual({ urlAllowList: ['example.com'] });
    expect(defaults.get(CurrentLexicon).engineConfig.urlAllowList).toBeUndefined();
    expect(defaults.get(CurrentLexicon).engineConfig.scorer !== undefined).toBe(SCORER_DEFAULT === 'on');
  });

  it('gives the supervision rules and the complaint matcher the configured values, the defaults otherwise', () => {
    expect(configured.get(ContentReviewConfig)).toBeInstanceOf(ContentReviewConfig);
    expect(configured.get(SUPERVISION_CONFIG)).toEqual({ windowHours: 6, thresholdPer10k: 2.5, minCount: 3 });
    expect(configured.get(BLOCKED_CONTENT_CONFIG)).toEqual({ windowHours: 12, minCount: 4, ratePermille: 100 });
    expect(configured.get<ComplaintMatcher>(COMPLAINT_MATCHER).isComplaint('junk')).toBe(true);
    expect(configured.get<ComplaintMatcher>(COMPLAINT_MATCHER).isComplaint('广告太多')).toBe(true);

    expect(defaults.get(SUPERVISION_CONFIG)).toEqual({ windowHours: 24, thresholdPer10k: 10, minCount: 5 });
    expect(defaults.get(BLOCKED_CONTENT_CONFIG)).toEqual({ windowHours: 24, minCount: 20, ratePermille: 50 });
    expect(defaults.get<ComplaintMatcher>(COMPLAINT_MATCHER).isComplaint('junk')).toBe(false);
    expect(defaults.get<ComplaintMatcher>(COMPLAINT_MATCHER).isComplaint('投诉')).toBe(true);
  });

  it('does not start with a wrong value, naming it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'content-review-config-int-'));
    dirs.push(dataDir);
    await expect(startServiceUnderTest({ module: ContentReviewModule, dataDir, config: { BLOCKED_CONTENT_RATE_PERMILLE: '2000' } })).rejects.toThrow('BLOCKED_CONTENT_RATE_PERMILLE');
  });
});
