import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, Min, Validate, type ValidationArguments, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { screeningEngineConfig, SCORER_DEFAULT, type ScreeningEngineConfig } from './screening/domain/screen';
import { parseAllowList } from './screening/domain/urls';
import { type BlockedContentSettings, DEFAULT_BLOCKED_CONTENT } from './supervision/domain/blocked-content';
import { MAX_EXTRA_KEYWORDS, parseComplaintKeywords, unusableKeyword } from './supervision/domain/complaint-keywords';
import { type ComplaintRateSettings, DEFAULT_COMPLAINT_RATE } from './supervision/domain/complaint-rate';

/** The longest rolling window of the supervision rules: 90 days. */
const MAX_WINDOW_HOURS = 24 * 90;
const FINITE = { allowNaN: false, allowInfinity: false };

/** A DNS name of at least two labels (a bare `com` would let every .com link through), letters/digits/hyphens, punycode for IDNs. */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const isDomain = (domain: string): boolean => domain.length <= 253 && domain.split('.').length >= 2 && domain.split('.').every((label) => LABEL.test(label));

/** SCREENING_URL_ALLOWLIST: `domain[,domain…]`, each a host name (`*.` or `.` before one is allowed: subdomains always pass). */
@ValidatorConstraint({ name: 'urlAllowList' })
export class UrlAllowListSetting implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && badDomains(value).length === 0;
  }

  defaultMessage(args: ValidationArguments): string {
    const bad = typeof args.value === 'string' ? badDomains(args.value) : [];
    return `${args.property} must be comma-separated domain names like example.com,sf-express.com (ASCII or punycode, at least two labels)${bad.length ? `: not ${bad.map((d) => `"${d}"`).join(', ')}` : ''}`;
  }
}

function badDomains(value: string): string[] {
  const entries = value.split(',').map((d) => d.trim());
  return entries.filter((entry) => !isDomain(entry.toLowerCase().replace(/^\*?\./, '')));
}

/** COMPLAINT_KEYWORDS: at most MAX_EXTRA_KEYWORDS, each usable by the matcher. */
@ValidatorConstraint({ name: 'complaintKeywords' })
export class ComplaintKeywordsSetting implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && keywordProblem(value) === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    const why = typeof args.value === 'string' ? keywordProblem(args.value) : 'not text';
    return `${args.property} must be at most ${MAX_EXTRA_KEYWORDS} comma-separated keywords of at most 32 characters${why ? `: ${why}` : ''}`;
  }
}

function keywordProblem(value: string): string | undefined {
  const keywords = parseComplaintKeywords(value);
  if (keywords.length > MAX_EXTRA_KEYWORDS) return `${keywords.length} keywords`;
  return keywords.map(unusableKeyword).find((why) => why !== undefined);
}

/**
 * content-review's own settings, read with `config.settings(ContentReviewConfig)` from the platform's source and
 * validated by the host before anything starts (a wrong value stops the process naming it). Names are environment
 * variables; the defaults are the domain's (DEFAULT_COMPLAINT_RATE, DEFAULT_BLOCKED_CONTENT, DEFAULT_URL_ALLOWLIST,
 * SCORER_DEFAULT).
 */
export class ContentReviewConfig {
  /**
   * Domains a URL in a message may point to (subdomains included), comma-separated; any other URL is held (rule
   * `url-not-allowed`, ADR 0031). Unset: the built-in list (DEFAULT_URL_ALLOWLIST in screening/domain/lexicon.ts).
   */
  @IsOptional() @IsString() @Validate(UrlAllowListSetting) SCREENING_URL_ALLOWLIST?: string;
  /** Whether screening consults the statistical scorer (ADR 0037), `on` or `off` (any case). */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsIn(['on', 'off'], { message: 'SCREENING_SCORER must be on or off' })
  SCREENING_SCORER: 'on' | 'off' = SCORER_DEFAULT;

  /** Complaints (ADR 0034): the rolling window they are counted in, hours. */
  @IsNumber(FINITE) @Min(1) @Max(MAX_WINDOW_HOURS) COMPLAINT_WINDOW_HOURS: number = DEFAULT_COMPLAINT_RATE.windowHours;
  /** Complaints per 10,000 messages cleared in the window above which the account gets a COMPLAINT_RATE violation. */
  @IsNumber(FINITE) @Min(0) @Max(10_000) COMPLAINT_RATE_THRESHOLD: number = DEFAULT_COMPLAINT_RATE.thresholdPer10k;
  /** At least this many complaints in the window before the rate counts. */
  @IsInt() @Min(1) @Max(1_000_000) COMPLAINT_MIN_COUNT: number = DEFAULT_COMPLAINT_RATE.minCount;
  /** Extra complaint keywords for MO replies, comma-separated (full- or half-width commas), added to the built-in ones. */
  @IsString() @Validate(ComplaintKeywordsSetting) COMPLAINT_KEYWORDS: string = '';

  /** Blocked content (ADR 0034): the rolling window an account's screening-blocked messages are counted in, hours. */
  @IsNumber(FINITE) @Min(1) @Max(MAX_WINDOW_HOURS) BLOCKED_CONTENT_WINDOW_HOURS: number = DEFAULT_BLOCKED_CONTENT.windowHours;
  /** Blocked messages in the window before they can make a violation. */
  @IsInt() @Min(1) @Max(1_000_000) BLOCKED_CONTENT_MIN_COUNT: number = DEFAULT_BLOCKED_CONTENT.minCount;
  /** …and the share of the account's screened messages they must reach, per mille. */
  @IsNumber(FINITE) @Min(0) @Max(1000) BLOCKED_CONTENT_RATE_PERMILLE: number = DEFAULT_BLOCKED_CONTENT.ratePermille;

  get complaintRate(): ComplaintRateSettings {
    return { windowHours: this.COMPLAINT_WINDOW_HOURS, thresholdPer10k: this.COMPLAINT_RATE_THRESHOLD, minCount: this.COMPLAINT_MIN_COUNT };
  }

  get blockedContent(): BlockedContentSettings {
    return { windowHours: this.BLOCKED_CONTENT_WINDOW_HOURS, minCount: this.BLOCKED_CONTENT_MIN_COUNT, ratePermille: this.BLOCKED_CONTENT_RATE_PERMILLE };
  }

  get complaintKeywords(): string[] {
    return parseComplaintKeywords(this.COMPLAINT_KEYWORDS);
  }

  /** The URL allow-list as the engine takes it (lower case, `*.` dropped); undefined: the built-in list. */
  get urlAllowList(): string[] | undefined {
    return parseAllowList(this.SCREENING_URL_ALLOWLIST);
  }

  /** The screening engine's configuration (every lexicon version's engine is built with it). */
  get screeningEngine(): ScreeningEngineConfig {
    return screeningEngineConfig({ urlAllowList: this.urlAllowList, scorer: this.SCREENING_SCORER === 'on' });
  }
}
