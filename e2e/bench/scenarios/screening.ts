/**
 * `screening` (issue 9, ADR 0031): the content-screening engine alone, in this process, on one core — a realistic mix
 * of message texts (verification codes, notifications, marketing with and without opt-out, English, traditional
 * characters, evasive spellings, links, the odd blocked text) screened against the bundled lexicon padded with
 * synthetic terms to `--screening-terms` (default 10,000). Runs for `--screening-ms` (default 3,000 ms) after a
 * warm-up; figure = messages screened / CPU time of this thread. Reads BENCH_SCREENING_TERMS / BENCH_SCREENING_MS too.
 * `--screening-scorer on|off` (or BENCH_SCREENING_SCORER; default: the service's SCREENING_SCORER default) also consults
 * the shipped statistical scorer (ADR 0037).
 */
import type { MessageKind } from '@sms/contracts';
// The bench measures content-review's own engine in-process (like the ledger scenario reaches into account-billing).
/* eslint-disable @nx/enforce-module-boundaries */
import { LEXICON, type LexiconEntry, SCREENING_CATEGORIES } from '../../../apps/content-review/src/screening/domain/lexicon';
import { createScreeningEngine, scorerEnabled } from '../../../apps/content-review/src/screening/domain/screen';
import { bundledScorer } from '../../../apps/content-review/src/screening/model/bundled-scorer';
import { type BenchOptions, type Figures, integerArgument, log, type Scenario } from '../common';

/** The mix screened, in rotation; digits vary per message so no two consecutive texts are identical. */
const MIX: Array<[MessageKind, string]> = [
  ['verification', '【阿里云】您的验证码为{n}，5分钟内有效，请勿泄露给他人。'],
  ['verification', '【腾讯云】验证码：{n}，如非本人操作，请忽略本短信。'],
  ['verification', 'Your verification code is {n}. It expires in 5 minutes.'],
  ['verification', '【某银行】您正在进行转账操作，验证码{n}，切勿告知他人。'],
  ['notification', '【顺丰速运】您的快件已到达驿站，取件码{n}，请于今日18:00前领取。'],
  ['notification', '【招商银行】您尾号{n}的账户于05月12日消费人民币100.00元，余额2,345.67元。'],
  ['notification', '【12306】您的订单E{n}已出票，G1234次列车，5车12F座，请携带身份证乘车。'],
  ['notification', '【某物业】尊敬的业主，本周六上午9点至12点停水检修，请提前储水，给您带来不便敬请谅解。编号{n}'],
  ['notification', '【美团】您的订单{n}已送达，详情见 https://www.meituan.com/order 感谢使用。'],
  ['notification', '【某醫院】您預約的門診時間為明天上午十點，請攜帶醫保卡，就診號{n}。'],
  ['marketing', '【京东】618大促，全场满300减50，会员再享9折，拒收请回复R {n}'],
  ['marketing', '【某商城】周年庆全场5折，新品上架，点击 jd.com 查看，退订回T {n}'],
  ['marketing', 'Big summer sale: 30% off everything this week, code {n}. Reply STOP to opt out.'],
  ['marketing', '【某健身】新店开业，年卡立减800元，到店即送运动毛巾，名额有限 {n}'],
  ['notification', '【某平台】您的会员已续费成功，有效期至2026-12-31，订单号{n}。'],
  ['notification', '【公安局】您涉嫌洗钱，请立即将资金转入安全账户配合调查，案件号{n}'],
  ['marketing', '【娱乐城】首充送100%彩金，百 家 乐、時時彩在线玩，加微信{n}'],
  ['notification', '恭喜您被抽中幸运用户，获得iPhone一台，请缴纳手续费后领取，详询 http://prize-{n}.top'],
  ['notification', 'b\u200be\u200bt on c4sin0 tonight, bonus {n}'],
  ['notification', '【某银行】尊敬的客户，您的信用卡账单已出，本期应还款3,210.00元，最后还款日为6月25日。尾号{n}'],
];

const SYNTHETIC_ALPHABET = Array.from('的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞');

function lexiconOf(size: number): LexiconEntry[] {
  const terms = new Set(LEXICON.map((e) => e.term));
  const entries = [...LEXICON];
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 48_271) % 2_147_483_647; // Park–Miller: exact in doubles
    return seed % n;
  };
  while (entries.length < size) {
    const length = 3 + random(3);
    let term = '';
    for (let i = 0; i < length; i++) term += SYNTHETIC_ALPHABET[random(SYNTHETIC_ALPHABET.length)];
    if (random(10) === 0) term = `x${term}`; // a share of mixed-script terms, as real lexicons have
    if (terms.has(term)) continue;
    terms.add(term);
    entries.push({ term, category: SCREENING_CATEGORIES[random(SCREENING_CATEGORIES.length)], action: random(4) === 0 ? 'REVIEW' : 'BLOCK' });
  }
  return entries;
}

function texts(count: number): Array<[MessageKind, string]> {
  return Array.from({ length: count }, (_, i) => {
    const [kind, text] = MIX[i % MIX.length];
    return [kind, text.replace('{n}', String(100_000 + ((i * 7919) % 900_000)))];
  });
}

export const screening: Scenario = {
  name: 'screening',
  async run(options: BenchOptions): Promise<Figures> {
    const argv = process.argv.slice(2);
    const size = integerArgument(argv, 'screening-terms', 10_000);
    const durationMs = integerArgument(argv, 'screening-ms', 3_000);
    const buildStart = process.hrtime.bigint();
    const lexicon = lexiconOf(size);
    const scorerIndex = argv.indexOf('--screening-scorer');
    const withScorer = scorerEnabled({ SCREENING_SCORER: scorerIndex >= 0 ? argv[scorerIndex + 1] : process.env.BENCH_SCREENING_SCORER });
    const engine = createScreeningEngine(lexicon, withScorer ? { scorer: bundledScorer() } : {});
    const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;
    const sample = texts(Math.max(1_000, Math.min(options.messages, 50_000)));
    const outcomes = { PASS: 0, REVIEW: 0, BLOCK: 0 };

    for (let i = 0; i < 20_000; i++) engine.screen(sample[i % sample.length][1], sample[i % sample.length][0]); // warm-up (JIT)
    log(`screening: ${lexicon.length} terms, ${sample.length} distinct texts, ${durationMs} ms, scorer ${withScorer ? 'on' : 'off'}`);

    let screened = 0;
    const cpuStart = process.cpuUsage();
    const wallStart = process.hrtime.bigint();
    let wallMs = 0;
    while (wallMs < durationMs) {
      for (let i = 0; i < 1_000; i++, screened++) {
        const [kind, text] = sample[screened % sample.length];
        outcomes[engine.screen(text, kind).outcome]++;
      }
      wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
    }
    const cpu = process.cpuUsage(cpuStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const averageLength = Math.round(sample.reduce((sum, [, text]) => sum + text.length, 0) / sample.length);
    return {
      messagesPerSecondPerCore: Math.round((screened / cpuMs) * 1000),
      terms: lexicon.length,
      lexiconVersion: engine.version,
      scorer: withScorer,
      messages: screened,
      averageChars: averageLength,
      usPerMessage: Math.round((cpuMs / screened) * 1000 * 100) / 100,
      wallMs: Math.round(wallMs),
      automatonBuildMs: Math.round(buildMs),
      pass: outcomes.PASS,
      review: outcomes.REVIEW,
      block: outcomes.BLOCK,
    };
  },
};
