import type { MessageKind, ScreeningOutcome } from '@sms/contracts';
import { AhoCorasick } from './aho-corasick';
import {
  DEFAULT_URL_ALLOWLIST,
  LEXICON,
  LEXICON_VERSION,
  LexiconEntry,
  OPT_OUT_MARKERS,
  ScreeningAction,
  ScreeningCategory,
  ScreeningRule,
  SignalKind,
  SIGNALS,
} from './lexicon';
import { normalise } from './normalise';
import { pinyinSpellings } from './pinyin';
import { bundledScorer } from '../model/bundled-scorer';
import type { Scorer } from './scorer';
import { findUrls, isAllowedHost, parseAllowList } from './urls';

/** Rules that combine signals (ADR 0031); they name the category they decide. */
export type CombinationRule =
  | 'authority-transfer'
  | 'prize-fee'
  | 'contact-lure'
  | 'impersonation-payment'
  | 'secrecy-payment'
  | 'stake-deposit'
  | 'reply-charge'
  | 'pretext-instruction'
  | 'coerced'
  | 'covert-sale'
  | 'threat-demand'
  | 'recruitment-fee'
  | 'recruitment-lure'
  | 'attack-threat'
  | 'urgent-request'
  | 'relation-problem';

export interface ScreeningMatch {
  /** The lexicon term as written in the lexicon (not the evasive spelling found); for a URL, its host. */
  term: string;
  category: ScreeningCategory | ScreeningRule;
  level: ScreeningAction;
  /** UTF-16 index in the screened text where the occurrence starts (same as `start`). */
  index: number;
  /** UTF-16 span of the occurrence in the screened text: [start, end). */
  start: number;
  end: number;
  /** Set when the match is a signal of a combination rule rather than a term of its own. */
  rule?: CombinationRule;
}

export interface ScreeningResult {
  outcome: ScreeningOutcome;
  /** Why the text is not PASS: the category of the decisive finding, or the rule (`missing-opt-out`, `url-not-allowed`). */
  category?: ScreeningCategory | ScreeningRule;
  /** The combination rule that decided, when one did. */
  rule?: CombinationRule;
  matches: ScreeningMatch[];
  /** A marketing text without an opt-out instruction (DOMAIN.md §1). */
  optOutMissing: boolean;
}

/** REVIEW findings a human already accepted by approving the template a message was rendered from. */
export interface AcceptedFindings {
  terms: ReadonlySet<string>;
  missingOptOut: boolean;
}

export interface ScreenOptions {
  accepted?: AcceptedFindings;
}

export interface ScreeningEngine {
  /** Version of the lexicon the engine was built from. */
  readonly version: number;
  /** Terms plus signal words plus opt-out markers in the automaton. */
  readonly patternCount: number;
  screen(text: string, kind: MessageKind, options?: ScreenOptions): ScreeningResult;
}

export interface ScreeningEngineConfig {
  version?: number;
  optOutMarkers?: readonly string[];
  /** Domains (and their subdomains) a URL may point to; anything else is held with `url-not-allowed`. */
  urlAllowList?: readonly string[];
  signals?: Readonly<Record<SignalKind, readonly string[]>>;
  /**
   * The statistical scorer (ADR 0037), consulted only for a text the lexicon and rules would PASS: it may hold it for
   * REVIEW (or BLOCK it, above the model's block threshold) with a pseudo-match `{term: 'scorer', start: 0, end: 0}`.
   * Absent: words and rules only.
   */
  scorer?: Scorer;
}

/** The term of the pseudo-match a scorer finding reports (a reviewer approving a template accepts it like a term). */
export const SCORER_TERM = 'scorer';

/** Matches reported per text; the outcome is decided on all of them, the list is only evidence. */
const MAX_REPORTED_MATCHES = 50;

type Pattern = { kind: 'term'; entry: LexiconEntry } | { kind: 'signal'; signal: SignalKind; term: string } | { kind: 'opt-out' };

const SIGNAL_BIT: Record<SignalKind, number> = {
  authority: 1, transfer: 2, prize: 4, fee: 8, lure: 16, money: 32, warning: 64, impersonation: 128, payment: 256, secrecy: 512,
  stake: 1024, reply: 2048, charge: 4096,
  pretext: 1 << 13, instruction: 1 << 14, coercion: 1 << 15, assurance: 1 << 16, covert: 1 << 17, drugSlang: 1 << 18, weaponSlang: 1 << 19,
  threat: 1 << 20,
  job: 1 << 21, easyPay: 1 << 22, upfront: 1 << 23, violence: 1 << 24, crowdTarget: 1 << 25, intent: 1 << 26,
  urgency: 1 << 27, relation: 1 << 28, problem: 1 << 29, ask: 1 << 30, dues: 1 << 31,
};

/**
 * Builds the automaton once; screening a text is then one normalising pass, one automaton pass over the folded text
 * and one URL scan of the original.
 */
export function createScreeningEngine(lexicon: readonly LexiconEntry[] = LEXICON, config: ScreeningEngineConfig = {}): ScreeningEngine {
  const signals = config.signals ?? SIGNALS;
  const scorer = config.scorer;
  const allowList = config.urlAllowList ?? DEFAULT_URL_ALLOWLIST;
  // Each term also under its one-character pinyin spellings (lexicon v5, `pinyin.ts`), reported as the term itself.
  const termSpellings = lexicon.flatMap((entry) => pinyinSpellings(entry.term).map((spelling) => ({ entry, spelling })));
  // Signal words too (v6): a pretext or an instruction written with one character in pinyin is still one.
  const signalSpellings = (Object.keys(signals) as SignalKind[]).flatMap((signal) =>
    signals[signal].flatMap((term) => pinyinSpellings(term).map((spelling) => ({ signal, term, spelling }))),
  );
  const patterns: Pattern[] = [
    ...termSpellings.map(({ entry }): Pattern => ({ kind: 'term', entry })),
    ...signalSpellings.map(({ signal, term }): Pattern => ({ kind: 'signal', signal, term })),
    ...(config.optOutMarkers ?? OPT_OUT_MARKERS).map((): Pattern => ({ kind: 'opt-out' })),
  ];
  const spellings = [...termSpellings.map((t) => t.spelling), ...signalSpellings.map((s) => s.spelling), ...(config.optOutMarkers ?? OPT_OUT_MARKERS)];
  const automaton = new AhoCorasick(
    spellings.map((term) => {
      const folded = normalise(term).codePoints;
      if (folded.length === 0) throw new Error(`Lexicon term "${term}" normalises to nothing`);
      return folded;
    }),
  );

  return {
    version: config.version ?? LEXICON_VERSION,
    patternCount: patterns.length,
    screen(text, kind, options = {}) {
      const { codePoints, sources } = normalise(text);
      const end = (i: number) => sources[i] + ((text.codePointAt(sources[i]) ?? 0) > 0xffff ? 2 : 1);
      const matches: ScreeningMatch[] = [];
      const signalMatches: Array<ScreeningMatch & { signal: SignalKind }> = [];
      let seen = 0;
      let optOutPresent = false;
      for (const hit of automaton.search(codePoints)) {
        const pattern = patterns[hit.pattern];
        if (pattern.kind === 'opt-out') {
          optOutPresent = true;
          continue;
        }
        const start = sources[hit.start];
        const span = { index: start, start, end: end(hit.end) };
        if (pattern.kind === 'term') {
          matches.push({ term: pattern.entry.term, category: pattern.entry.category, level: pattern.entry.action, ...span });
        } else {
          seen |= SIGNAL_BIT[pattern.signal];
          signalMatches.push({ term: pattern.term, category: 'fraud', level: 'REVIEW', signal: pattern.signal, ...span });
        }
      }

      const accepted = options.accepted;
      const decided = combine(seen, signalMatches);
      if (decided) matches.push(...decided.matches);
      // Staking money on a bet: a gambling word held on its own is blocked next to a deposit or a top-up.
      if ((seen & SIGNAL_BIT.stake) !== 0) {
        const stakes = signalMatches.filter((s) => s.signal === 'stake');
        for (const m of matches) {
          // The top-up must be said besides the gambling word, not inside it (棋牌充值 is held on its own).
          const besides = stakes.some((s) => s.end <= m.start || s.start >= m.end);
          if (m.category === 'gambling' && m.level === 'REVIEW' && besides) Object.assign(m, { level: 'BLOCK', rule: 'stake-deposit' });
        }
      }
      // Selling on the quiet (v6): a weapon, drug or crime-tool word held on its own is blocked beside a covert-sale cue.
      if ((seen & SIGNAL_BIT.covert) !== 0) {
        for (const m of matches) {
          if ((m.category === 'weapons' || m.category === 'drugs' || m.category === 'crime-method') && m.level === 'REVIEW' && !m.rule) {
            Object.assign(m, { level: 'BLOCK', rule: 'covert-sale' });
          }
        }
      }
      const urls: ScreeningMatch[] = [];
      for (const url of findUrls(text)) {
        if (!isAllowedHost(url.host, allowList)) urls.push({ term: url.host, category: 'url-not-allowed', level: 'REVIEW', index: url.start, start: url.start, end: url.end });
      }
      // An anti-fraud warning quotes the scam it warns against: when it offers no way out (no lure to another channel,
      // no link outside the allow-list) its fraud findings are the warning itself and are dropped; when it does, they are
      // held, never blocked — and never sent unreviewed.
      if ((seen & SIGNAL_BIT.warning) !== 0) {
        if (!hasLiveLure(text, signalMatches) && urls.length === 0 && !hasContactNumber(codePoints)) {
          for (let i = matches.length - 1; i >= 0; i--) if (matches[i].category === 'fraud') matches.splice(i, 1);
        } else {
          for (const m of matches) if (m.category === 'fraud' && m.level === 'BLOCK') m.level = 'REVIEW';
        }
      }
      matches.push(...urls);
      // Hits arrive by end position; order them by where they start, longer (more specific) terms first.
      matches.sort((a, b) => a.start - b.start || b.end - a.end);

      const optOutMissing = kind === 'marketing' && !optOutPresent;
      const reported = matches.slice(0, MAX_REPORTED_MATCHES);
      const ruleOf = (m: ScreeningMatch) => (m.rule ? { rule: m.rule } : {});

      const blocking = matches.find((m) => m.level === 'BLOCK');
      if (blocking) return { outcome: 'BLOCK', category: blocking.category, ...ruleOf(blocking), matches: reported, optOutMissing };
      // Terms first, then rule findings (URLs last): the most specific reason names the hold.
      const open = matches.filter((m) => m.level === 'REVIEW' && !accepted?.terms.has(m.term));
      const reviewing = open.find((m) => !m.rule && m.category !== 'url-not-allowed') ?? open.find((m) => m.rule) ?? open[0];
      if (reviewing) return { outcome: 'REVIEW', category: reviewing.category, ...ruleOf(reviewing), matches: reported, optOutMissing };
      // Nothing in the words: the scorer may still hold (or block) it — never an anti-fraud warning, whose fraud
      // wording the rules above already judged.
      if (scorer && (seen & SIGNAL_BIT.warning) === 0) {
        const finding = scorerFinding(scorer, codePoints);
        if (finding && (finding.level === 'BLOCK' || !accepted?.terms.has(SCORER_TERM))) {
          return { outcome: finding.level, category: finding.category, matches: [finding, ...reported].slice(0, MAX_REPORTED_MATCHES), optOutMissing };
        }
      }
      if (optOutMissing && !accepted?.missingOptOut) return { outcome: 'REVIEW', category: 'missing-opt-out', matches: reported, optOutMissing };
      return { outcome: 'PASS', matches: reported, optOutMissing };
    },
  };
}

/**
 * The combination rules: authority + transfer demand → fraud BLOCK; prize + fee → false-lottery BLOCK; impersonation of
 * someone close + a payment → fraud BLOCK; secrecy + a payment or transfer → fraud BLOCK; a reply instruction + a
 * recurring charge → sp-trick BLOCK; a lure to
 * another channel → fraud REVIEW, or BLOCK alongside an authority, a transfer demand, a prize or money talk.
 * Signals that decide nothing are not reported.
 */
function combine(seen: number, signals: Array<ScreeningMatch & { signal: SignalKind }>): { matches: ScreeningMatch[] } | undefined {
  if (seen === 0) return undefined;
  const has = (kind: SignalKind) => (seen & SIGNAL_BIT[kind]) !== 0;
  const pick = (kinds: SignalKind[], rule: CombinationRule, category: ScreeningCategory, level: ScreeningAction): ScreeningMatch[] =>
    signals.filter((s) => kinds.includes(s.signal)).map(({ signal: _signal, ...m }) => ({ ...m, category, level, rule }));
  const matches: ScreeningMatch[] = [];
  if (has('authority') && has('transfer')) matches.push(...pick(['authority', 'transfer'], 'authority-transfer', 'fraud', 'BLOCK'));
  if (has('prize') && has('fee')) matches.push(...pick(['prize', 'fee'], 'prize-fee', 'false-lottery', 'BLOCK'));
  // Conversational fraud (no keyword of its own): a relative, friend or boss on a "new number" asking for money, or a
  // payment (or an authority's demand) to be kept secret.
  if (has('impersonation') && has('payment')) matches.push(...pick(['impersonation', 'payment'], 'impersonation-payment', 'fraud', 'BLOCK'));
  if (has('secrecy') && (has('payment') || has('transfer'))) matches.push(...pick(['secrecy', 'payment', 'transfer'], 'secrecy-payment', 'fraud', 'BLOCK'));
  if (has('reply') && has('charge')) matches.push(...pick(['reply', 'charge'], 'reply-charge', 'sp-trick', 'BLOCK'));
  // v6, the shape of fraud rather than its words (DOMAIN §3 fraud): a pretext (refund, account problem, credit, case,
  // prize, task, investment) with an instruction (move money, share a code or card, install, add a contact, join a
  // group) is held; an honest notice's assurance (nothing to do, no fee, the official channel) clears it. What no honest
  // sender asks (a safe account, a fund check, gift cards, secrecy from the bank) blocks with any of them.
  if (has('pretext') && has('instruction') && !has('assurance')) matches.push(...pick(['pretext', 'instruction'], 'pretext-instruction', 'fraud', 'REVIEW'));
  if (has('coercion') && (has('pretext') || has('instruction') || has('authority') || has('transfer') || has('payment'))) {
    matches.push(...pick(['coercion', 'pretext', 'instruction', 'authority', 'transfer', 'payment'], 'coerced', 'fraud', 'BLOCK'));
  }
  // v7, extortion (DOMAIN §3 fraud): a threat (exposure to family and contacts, arrest, enforcement) with any demand or pretext.
  if (has('threat') && (has('payment') || has('transfer') || has('instruction') || has('coercion') || has('pretext'))) {
    matches.push(...pick(['threat', 'payment', 'transfer', 'instruction', 'coercion', 'pretext'], 'threat-demand', 'fraud', 'BLOCK'));
  } else if (has('threat')) {
    matches.push(...pick(['threat'], 'threat-demand', 'fraud', 'REVIEW'));
  }
  // v8, fake jobs (DOMAIN §3 false-recruitment): a job with a fee before starting is blocked; a job with effortless or
  // unrealistic pay is held, and blocked when the recruiter moves the talk to a chat app.
  if (has('job') && has('upfront')) matches.push(...pick(['job', 'upfront'], 'recruitment-fee', 'false-recruitment', 'BLOCK'));
  if (has('job') && has('easyPay')) {
    const lured = has('lure');
    matches.push(...pick(lured ? ['job', 'easyPay', 'lure'] : ['job', 'easyPay'], 'recruitment-lure', 'false-recruitment', lured ? 'BLOCK' : 'REVIEW'));
  }
  // v8, violence against a crowd (DOMAIN §3 terror) in words that are also ordinary: an act of violence beside a crowded
  // place or group is held, and blocked with a declared intent or a call to act.
  if (has('violence') && has('crowdTarget')) {
    const intended = has('intent');
    matches.push(...pick(intended ? ['violence', 'crowdTarget', 'intent'] : ['violence', 'crowdTarget'], 'attack-threat', 'terror', intended ? 'BLOCK' : 'REVIEW'));
  }
  // v9, fraud as conversation (DOMAIN §3 fraud): a script must make the recipient act, lean on someone trusted or a
  // problem, and hurry. Each word is ordinary alone; the three together are held: an ask (pay, buy, log in, read out a
  // code, or any payment/transfer/instruction) pressed by urgency and levered by a relation, a problem or a pretext.
  // Someone trusted with a problem asking for money is held too. An honest notice's assurance clears both.
  if (!has('assurance')) {
    const asked = has('ask') || has('payment') || has('transfer') || has('instruction');
    // Dues (a bill overdue, a parcel waiting) are no lever: "your bill is overdue, please pay soon" is what every
    // operator and utility sends. Trouble (an accident, a mistaken transfer, a locked account) is.
    const levered = has('relation') || has('problem') || has('impersonation') || has('pretext');
    if (has('urgency') && asked && levered) {
      matches.push(...pick(['urgency', 'ask', 'payment', 'transfer', 'instruction', 'relation', 'problem', 'impersonation', 'pretext'], 'urgent-request', 'fraud', 'REVIEW'));
    }
    if (has('relation') && (has('problem') || has('dues')) && (has('payment') || has('transfer'))) {
      matches.push(...pick(['relation', 'problem', 'dues', 'payment', 'transfer'], 'relation-problem', 'fraud', 'REVIEW'));
    }
  }
  // Slang for a drug or a weapon that is also an ordinary word counts only beside a covert-sale cue.
  if (has('covert') && has('drugSlang')) matches.push(...pick(['covert', 'drugSlang'], 'covert-sale', 'drugs', 'BLOCK'));
  if (has('covert') && has('weaponSlang')) matches.push(...pick(['covert', 'weaponSlang'], 'covert-sale', 'weapons', 'BLOCK'));
  if (has('lure')) {
    const aggravated = has('authority') || has('transfer') || has('prize') || has('money');
    matches.push(...pick(aggravated ? ['lure', 'authority', 'transfer', 'prize', 'money'] : ['lure'], 'contact-lure', 'fraud', aggravated ? 'BLOCK' : 'REVIEW'));
  }
  return matches.length > 0 ? { matches } : undefined;
}

/** The scorer's pseudo-match when it reaches a threshold (its category, or `fraud` when no n-gram named one). */
function scorerFinding(scorer: Scorer, codePoints: readonly number[]): ScreeningMatch | undefined {
  const { review, block } = scorer.thresholds;
  if (review === null && block === null) return undefined;
  const verdict = scorer.score(codePoints);
  const level: ScreeningAction | undefined =
    block !== null && verdict.probability >= block ? 'BLOCK' : review !== null && verdict.probability >= review ? 'REVIEW' : undefined;
  if (!level) return undefined;
  const category = (verdict.category ?? 'fraud') as ScreeningCategory;
  return { term: SCORER_TERM, category, level, index: 0, start: 0, end: 0 };
}

/**
 * Whether a lure to another channel is offered rather than warned against (v6): a lure said after a warning in the same
 * sentence ("staff will never ask you to share your screen") is the warning's quotation, not a way out.
 */
function hasLiveLure(text: string, signals: ReadonlyArray<ScreeningMatch & { signal: SignalKind }>): boolean {
  const warnings = signals.filter((s) => s.signal === 'warning');
  return signals.some(
    (lure) => lure.signal === 'lure' && !warnings.some((w) => w.end <= lure.start && !/[。！？!?\n]|\.\s/.test(text.slice(w.end, lure.start))),
  );
}

/** A run of ten or more digits: a phone or card number to call or pay, which a genuine warning does not need. */
function hasContactNumber(codePoints: readonly number[]): boolean {
  let run = 0;
  for (const cp of codePoints) {
    run = cp >= 0x30 && cp <= 0x39 ? run + 1 : 0;
    if (run >= 10) return true;
  }
  return false;
}

/** What a reviewer accepted when approving a template whose own screening is `templateScreening`. */
export function acceptedFindings(templateScreening: ScreeningResult): AcceptedFindings {
  return {
    terms: new Set(templateScreening.matches.filter((m) => m.level === 'REVIEW').map((m) => m.term)),
    missingOptOut: templateScreening.optOutMissing,
  };
}

const PLACEHOLDER = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/g;

/**
 * Screens a template's own wording: placeholders become blanks of the same length (so indices still point into the
 * content, and words split by an empty variable still join up once blanks are removed).
 */
export function screenTemplate(content: string, kind: MessageKind, engine: ScreeningEngine = defaultScreeningEngine()): ScreeningResult {
  return engine.screen(content.replace(PLACEHOLDER, (placeholder) => ' '.repeat(placeholder.length)), kind);
}

/** Whether the service screens with the shipped scorer when `SCREENING_SCORER` is not set (ADR 0037: off since round 3 missed the ship rule, 1 of 30 on the business probe). */
export const SCORER_DEFAULT: 'on' | 'off' = 'off';

/** `SCREENING_SCORER` (`on`/`off`, default SCORER_DEFAULT): whether the statistical scorer is consulted. */
export function scorerEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = (env.SCREENING_SCORER ?? SCORER_DEFAULT).trim().toLowerCase();
  if (value !== 'on' && value !== 'off') throw new Error(`SCREENING_SCORER must be on or off, not "${env.SCREENING_SCORER}"`);
  return value === 'on';
}

/**
 * The engine configuration the environment asks for: `SCREENING_URL_ALLOWLIST` (comma-separated domains) and
 * `SCREENING_SCORER` (on/off). For tools and the bundled `screen()`; the service takes ContentReviewConfig's.
 */
export function screeningConfigFromEnv(env: Readonly<Record<string, string | undefined>>): ScreeningEngineConfig {
  return screeningEngineConfig({ urlAllowList: parseAllowList(env.SCREENING_URL_ALLOWLIST), scorer: scorerEnabled(env) });
}

/**
 * The engine configuration for settings already read (the service: ContentReviewConfig, validated at start-up):
 * the URL allow-list (undefined: DEFAULT_URL_ALLOWLIST) and whether the shipped scorer is consulted.
 */
export function screeningEngineConfig(settings: { urlAllowList?: readonly string[]; scorer: boolean }): ScreeningEngineConfig {
  return { ...(settings.urlAllowList ? { urlAllowList: settings.urlAllowList } : {}), ...(settings.scorer ? { scorer: bundledScorer() } : {}) };
}

let defaultEngine: ScreeningEngine | undefined;

/** The bundled lexicon, configured from the process environment once. */
export function defaultScreeningEngine(): ScreeningEngine {
  defaultEngine ??= createScreeningEngine(LEXICON, screeningConfigFromEnv(process.env));
  return defaultEngine;
}

/** Screens with the bundled lexicon. */
export function screen(text: string, kind: MessageKind, options?: ScreenOptions): ScreeningResult {
  return defaultScreeningEngine().screen(text, kind, options);
}
