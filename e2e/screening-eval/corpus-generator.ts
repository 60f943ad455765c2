/**
 * Generates `corpus/screening/{train,holdout}.jsonl` from our own templates (corpus-templates.ts): slots filled by a
 * seeded generator, violations varied by evasion tricks. Deterministic: the same templates give the same files, and a
 * test regenerates them to prove the committed corpus is this generator's output.
 *
 * The split is by template, not by row: all variants of a template land in the same split, so the holdout measures
 * wordings the engine was never tuned on, not new slot values of familiar ones.
 *
 * Run: `npm run build && node dist/e2e/screening-eval/corpus-generator.js` (rewrites the two files).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BLOCK_CATEGORIES, type CorpusRow, isChinese, serialiseCorpus, type Split } from './corpus';
import { LEGIT, SLOTS, type Template, VIOLATIONS } from './corpus-templates';
import { LEGIT_2, SLOTS_2, VIOLATIONS_2 } from './corpus-templates-2';
import { LEGIT_3, SLOTS_3 } from './corpus-templates-3';
import { LEGIT_4, SLOTS_4, VIOLATIONS_4 } from './corpus-templates-4';
import { LEGIT_5, SLOTS_5 } from './corpus-templates-5';
import { LEGIT_6, SLOTS_6, VIOLATIONS_6 } from './corpus-templates-6';

/** mulberry32: a small, well-mixed 32-bit PRNG; seeded per template so editing one template leaves the others alone. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619);
  return h >>> 0;
}

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)];

export const EVASIONS = ['spaces', 'symbols', 'zero-width', 'pinyin', 'full-width', 'homoglyphs', 'traditional', 'spelled-digits'] as const;
export type Evasion = (typeof EVASIONS)[number];
/** Evasions that act on the decisive phrases `[[…]]`; a template without one gets a plain variant instead. */
const SPAN_EVASIONS: readonly Evasion[] = ['spaces', 'symbols', 'zero-width', 'pinyin'];

// Simplified → traditional, for the characters our templates use (written by hand, not a conversion table).
const TRADITIONAL: Record<string, string> = Object.fromEntries(
  [
    '账賬', '户戶', '银銀', '转轉', '钱錢', '赌賭', '奖獎', '贷貸', '发發', '枪槍', '弹彈', '药藥', '卖賣', '买買', '证證', '码碼',
    '点點', '击擊', '链鏈', '领領', '费費', '会會', '员員', '网網', '应應', '验驗', '单單', '现現', '联聯', '国國', '视視', '频頻',
    '务務', '机機', '时時', '请請', '您您', '们們', '这這', '门門', '问問', '级級', '将將', '开開', '关關', '处處', '办辦', '车車',
    '乐樂', '后後', '过過', '还還', '对對', '没沒', '气氣', '爱愛', '热熱', '东東', '区區', '医醫', '疗療', '报報', '线線', '间間',
    '岁歲', '结結', '婚婚', '资資', '产產', '额額', '险險', '鉴鑒', '广廣', '场場', '阴陰', '阳陽', '专專', '业業', '营營', '务務',
    '头頭', '摄攝', '记記', '录錄', '软軟', '盗盜', '锁鎖', '黑黑', '谈談', '说說', '让讓', '给給', '认認', '识識', '见見', '样樣',
    '为為', '与與', '严嚴', '众眾', '伤傷', '内內', '冻凍', '刘劉', '动動', '华華', '卫衛', '双雙', '号號', '启啟', '圣聖', '块塊',
    '声聲', '处處', '备備', '头頭', '学學', '实實', '审審', '导導', '层層', '币幣', '庆慶', '库庫', '张張', '总總', '战戰',
    '扩擴', '护護', '担擔', '挂掛', '换換', '据據', '数數', '断斷', '无無', '旧舊', '杂雜', '来來', '极極', '构構', '标標', '树樹',
    '样樣', '汇匯', '汉漢', '没沒', '测測', '济濟', '涨漲', '灵靈', '灾災', '爷爺', '状狀', '献獻', '环環', '电電', '画畫', '态態',
    '种種', '积積', '称稱', '类類', '紧緊', '纸紙', '组組', '细細', '经經', '续續', '综綜', '罚罰', '脑腦', '获獲', '艺藝', '节節',
    '苏蘇', '营營', '虑慮', '补補', '观觀', '规規', '订訂', '计計', '讯訊', '议議', '试試', '语語', '误誤', '请請', '财財', '货貨',
    '质質', '购購', '贵貴', '费費', '资資', '赔賠', '赚賺', '进進', '运運', '还還', '这這', '远遠', '选選', '递遞', '邮郵', '钟鐘',
    '铁鐵', '银銀', '错錯', '长長', '问問', '闻聞', '阅閱', '队隊', '阶階', '际際', '难難', '须須', '顾顧', '预預', '领領', '风風',
    '飞飛', '馆館', '驾駕', '验驗', '鱼魚', '鸡雞', '齐齊', '龙龍', '丽麗', '亲親', '仅僅', '从從', '仓倉', '优優', '伙夥', '传傳',
    '体體', '侦偵', '兰蘭', '击擊', '则則', '刚剛', '创創', '办辦', '劳勞', '势勢', '单單', '卖賣', '厅廳', '历歷', '压壓', '县縣',
    '参參', '发發', '变變', '叶葉', '吗嗎', '启啟', '员員', '响響', '团團', '园園', '围圍', '图圖', '圆圓', '场場', '坏壞', '场場',
    '复復', '够夠', '头頭', '奋奮', '妈媽', '宝寶', '宁寧', '对對', '寻尋', '导導', '将將', '尝嘗', '尽盡', '岛島', '币幣', '帮幫',
    '带帶', '帐帳', '广廣', '庄莊', '应應', '废廢', '开開', '异異', '弃棄', '归歸', '录錄', '彻徹', '忆憶', '态態', '惊驚', '惯慣',
    '户戶', '扑撲', '执執', '扫掃', '扬揚', '抢搶', '报報', '拥擁', '择擇', '挤擠', '挥揮', '损損', '换換', '据據', '摇搖', '敌敵',
    '斗鬥', '时時', '显顯', '晓曉', '术術', '机機', '杀殺', '权權', '条條', '极極', '枪槍', '档檔', '桥橋', '梦夢', '检檢', '楼樓',
    '殴毆', '气氣', '汇匯', '沟溝', '泪淚', '洁潔', '浅淺', '涂塗', '渐漸', '温溫', '满滿', '滚滾', '滨濱', '灭滅', '灯燈', '炉爐',
    '烟煙', '烦煩', '烧燒', '爆爆', '牵牽', '独獨', '猎獵', '现現', '琐瑣', '疯瘋', '盘盤', '监監', '盖蓋', '确確', '礼禮',
    '离離', '税稅', '穷窮', '笔筆', '筹籌', '签簽', '简簡', '粮糧', '纪紀', '约約', '级級', '纳納', '纵縱', '练練', '终終',
    '给給', '络絡', '绝絕', '统統', '维維', '综綜', '缴繳', '网網', '罗羅', '职職', '联聯', '肃肅', '胜勝', '脏髒', '范範', '荣榮',
    '药藥', '莱萊', '获獲', '虽雖', '蛮蠻', '补補', '装裝', '亏虧', '誉譽', '讨討', '让讓', '训訓', '设設', '访訪', '证證', '评評',
    '识識', '诈詐', '诉訴', '诊診', '词詞', '询詢', '该該', '详詳', '诚誠', '话話', '诞誕', '询詢', '谁誰', '调調', '谈談', '谢謝',
    '贝貝', '负負', '贡貢', '败敗', '账賬', '贫貧', '贴貼', '贸貿', '贺賀', '资資', '赛賽', '赶趕', '轮輪', '软軟', '轻輕', '载載',
    '辆輛', '辑輯', '输輸', '边邊', '达達', '迁遷', '连連', '迟遲', '适適', '逻邏', '遗遺', '邻鄰', '酱醬', '释釋', '针針', '钓釣',
    '销銷', '锋鋒', '锦錦', '镇鎮', '门門', '闪閃', '闭閉', '阵陣', '陆陸', '险險', '随隨', '隐隱', '雾霧', '静靜', '韩韓', '页頁',
    '顶頂', '项項', '顺順', '题題', '额額', '颠顛', '饭飯', '饮飲', '馈饋', '驱驅', '骗騙', '验驗', '骨骨', '鲜鮮', '鸟鳥', '麦麥',
    '黄黃', '齿齒', '脱脫', '俩倆', '盗盜', '晒曬', '窃竊', '贼賊', '宾賓', '杂雜', '欢歡', '轰轟', '尔爾', '佣傭', '满滿', '赃贓',
  ].map((pair) => [pair[0], pair[1]]),
);

const HOMOGLYPHS: Record<string, string> = {
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', i: 'і', s: 'ѕ', A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х',
};
const ZH_DIGITS = ['零', '幺', '二', '三', '四', '五', '六', '七', '八', '九'];
const ZH_DIGITS_FORMAL = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const CIRCLED = ['⓪', '①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨'];
const EN_DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

const SPAN = /\[\[([^\]]+)\]\]/g;

function fillSlots(text: string, random: () => number): string {
  return text.replace(/\{(\w+)\}/g, (whole, slot: string) => {
    const values = SLOTS[slot] ?? SLOTS_2[slot] ?? SLOTS_3[slot] ?? SLOTS_4[slot] ?? SLOTS_5[slot] ?? SLOTS_6[slot];
    if (!values) throw new Error(`unknown slot ${whole}`);
    return pick(random, values);
  });
}

function joinChars(span: string, separator: () => string): string {
  return [...span].map((ch, i, all) => (i < all.length - 1 && ch !== ' ' ? ch + separator() : ch)).join('');
}

/** Applies one evasion; returns undefined when it cannot act on this text (then the variant stays plain). */
export function evade(text: string, evasion: Evasion, random: () => number): string | undefined {
  const hasSpan = SPAN.test(text);
  SPAN.lastIndex = 0;
  if (SPAN_EVASIONS.includes(evasion) && !hasSpan) return undefined;
  const onSpans = (f: (plain: string, alternatives: string[]) => string) =>
    text.replace(SPAN, (_, body: string) => {
      const [plain, ...alternatives] = body.split('|');
      return f(plain, alternatives);
    });
  const plainText = () => onSpans((plain) => plain);
  switch (evasion) {
    case 'spaces':
      return onSpans((plain) => joinChars(plain, () => ' '));
    case 'symbols':
      return onSpans((plain) => joinChars(plain, () => pick(random, ['*', '.', '|', '-', '/', '、', '★'])));
    case 'zero-width':
      return onSpans((plain) => joinChars(plain, () => pick(random, ['\u200b', '\u200c', '\u200d', '\u2060'])));
    case 'pinyin':
      return onSpans((plain, alternatives) => (alternatives.length > 0 ? pick(random, alternatives) : plain));
    case 'full-width':
      return plainText().replace(/[!-~]/g, (ch) => String.fromCodePoint((ch.codePointAt(0) ?? 0) + 0xfee0));
    case 'homoglyphs': {
      const out = plainText().replace(/[a-zA-Z]/g, (ch) => HOMOGLYPHS[ch] ?? ch);
      return out === plainText() ? undefined : out;
    }
    case 'traditional': {
      const out = [...plainText()].map((ch) => TRADITIONAL[ch] ?? ch).join('');
      return out === plainText() ? undefined : out;
    }
    case 'spelled-digits': {
      const plain = plainText();
      if (!/\d/.test(plain)) return undefined;
      const table = isChinese(plain) ? pick(random, [ZH_DIGITS, ZH_DIGITS_FORMAL, CIRCLED]) : EN_DIGITS;
      return plain.replace(/\d/g, (d) => (table === EN_DIGITS ? ` ${table[Number(d)]} ` : table[Number(d)])).replace(/ {2,}/g, ' ');
    }
  }
}

const stripSpans = (text: string) => text.replace(SPAN, (_, body: string) => body.split('|')[0]);

/** About 30 % of each group's templates go to the holdout: the 2nd, 5th and 8th of every ten. */
export const isHoldout = (templateIndex: number): boolean => [1, 4, 7].includes(templateIndex % 10);

interface Generated {
  row: CorpusRow;
  split: Split;
}

function rowsOf(group: string, templates: Template[], variants: number, violation?: CorpusRow['category']): Generated[] {
  const out: Generated[] = [];
  templates.forEach((template, index) => {
    const random = prng(hash(`${group}/${template.text}`));
    const split: Split = isHoldout(index) ? 'holdout' : 'train';
    const seen = new Set<string>();
    for (let variant = 0; variant < variants; variant++) {
      const filled = fillSlots(template.text, random);
      let text = stripSpans(filled);
      let trick: string | undefined;
      if (violation && variant > 0) {
        const evasion = EVASIONS[(variant - 1 + index) % EVASIONS.length];
        const evaded = evade(filled, evasion, random);
        if (evaded !== undefined) [text, trick] = [evaded, evasion];
      } else if (!violation && variant === variants - 1 && isChinese(text)) {
        // Legitimate traffic from Hong Kong, Macau and Taiwan senders is written in traditional characters.
        const traditional = evade(filled, 'traditional', random);
        if (traditional !== undefined) [text, trick] = [traditional, 'traditional'];
      }
      if (seen.has(text)) continue;
      seen.add(text);
      // Legitimate groups name their language (bank-zh); a violation category holds both, so its ids say which.
      const language = violation ? `-${isChinese(stripSpans(filled)) ? 'zh' : 'en'}` : '';
      const id = `${violation ? 'v' : 'l'}-${group}${language}-${String(index + 1).padStart(2, '0')}-${variant + 1}`;
      const note = [template.note, trick].filter(Boolean).join('; ') || undefined;
      const row: CorpusRow = violation
        ? { id, text, kind: template.kind, label: 'violation', category: violation, expected: (BLOCK_CATEGORIES as readonly string[]).includes(violation) ? 'BLOCK' : 'REVIEW', note }
        : { id, text, kind: template.kind, label: 'legit', expected: 'PASS', note };
      out.push({ row, split });
    }
  });
  return out;
}

export function generateCorpus(): Record<Split, CorpusRow[]> {
  const all = [
    ...LEGIT.flatMap((g) => rowsOf(g.group, g.templates, g.variants)),
    ...VIOLATIONS.flatMap((g) => rowsOf(g.category, g.templates, g.variants, g.category)),
    // The second batch (corpus-templates-2.ts): its groups are named `<category>-2` so ids stay unique.
    ...LEGIT_2.flatMap((g) => rowsOf(g.group, g.templates, g.variants)),
    ...VIOLATIONS_2.flatMap((g) => rowsOf(`${g.category}-2`, g.templates, g.variants, g.category)),
    // The third batch (corpus-templates-3.ts): ordinary legitimate texts, groups named `ordinary-…`, note `ordinary`.
    ...LEGIT_3.flatMap((g) => rowsOf(g.group, g.templates, g.variants)),
    // The fourth batch (corpus-templates-4.ts): fraud structures and their legitimate twins, groups named `…-4`.
    ...LEGIT_4.flatMap((g) => rowsOf(g.group, g.templates, g.variants)),
    ...VIOLATIONS_4.flatMap((g) => rowsOf(`${g.category}-4`, g.templates, g.variants, g.category)),
    // The fifth batch (corpus-templates-5.ts): more, and more varied, ordinary texts, groups `ordinary5-…`, note `ordinary`.
    ...LEGIT_5.flatMap((g) => rowsOf(g.group, g.templates, g.variants)),
    // The sixth batch (corpus-templates-6.ts): conversational fraud structures and their twins, groups named `…-6`.
    ...LEGIT_6.flatMap((g) => rowsOf(g.group, g.templates, g.variants)),
    ...VIOLATIONS_6.flatMap((g) => rowsOf(`${g.category}-6`, g.templates, g.variants, g.category)),
  ];
  return {
    train: all.filter((g) => g.split === 'train').map((g) => g.row),
    holdout: all.filter((g) => g.split === 'holdout').map((g) => g.row),
  };
}

export function writeCorpus(directory: string): Record<Split, number> {
  const corpus = generateCorpus();
  mkdirSync(directory, { recursive: true });
  for (const split of ['train', 'holdout'] as const) writeFileSync(join(directory, `${split}.jsonl`), serialiseCorpus(corpus[split]));
  return { train: corpus.train.length, holdout: corpus.holdout.length };
}

if (require.main === module) {
  const directory = process.argv[2] ?? join(process.cwd(), 'corpus', 'screening');
  process.stdout.write(`${JSON.stringify({ directory, ...writeCorpus(directory) })}\n`);
}
