/**
 * The screening lexicon, kept as data so it can grow (or later be loaded from a reviewed source) without touching
 * the engine. Terms are written in their plain simplified-Chinese / lower-case form; the engine normalises them
 * with the same function it applies to messages, so evasions (full-width, spacing, homoglyphs, traditional
 * characters, numerals) of these spellings match too.
 *
 * BLOCK categories follow DOMAIN.md §3 one by one; REVIEW categories hold weaker signals for a human reviewer.
 */

export const BLOCK_CATEGORIES = [
  'FRAUD',
  'GAMBLING',
  'PORNOGRAPHY',
  'DRUGS',
  'WEAPONS',
  'COUNTERFEIT',
  'SMUGGLED_VEHICLES',
  'FALSE_PRIZE',
  'FALSE_MATCHMAKING',
  'FALSE_RECRUITMENT',
  'SP_SUBSCRIPTION',
  'THIRD_PARTY_ADS',
  'POLITICAL',
  'ETHNIC_HATRED',
  'CULT_SUPERSTITION',
  'RUMOUR',
  'TERRORISM_VIOLENCE',
  'DEFAMATION',
  'CRIME_METHODS',
] as const;

export const REVIEW_CATEGORIES = ['FINANCIAL_PROMOTION', 'CONTACT_DIVERSION', 'INDUCEMENT', 'MISSING_OPT_OUT'] as const;

export type BlockCategory = (typeof BLOCK_CATEGORIES)[number];
export type ReviewCategory = (typeof REVIEW_CATEGORIES)[number];
export type ScreeningCategory = BlockCategory | ReviewCategory;

export interface LexiconEntry {
  term: string;
  category: ScreeningCategory;
  level: 'BLOCK' | 'REVIEW';
}

const block = (category: BlockCategory, terms: string[]): LexiconEntry[] => terms.map((term) => ({ term, category, level: 'BLOCK' }));
const review = (category: ReviewCategory, terms: string[]): LexiconEntry[] => terms.map((term) => ({ term, category, level: 'REVIEW' }));

export const LEXICON: readonly LexiconEntry[] = [
  // Fraud impersonating banks, UnionPay and officials.
  ...block('FRAUD', ['安全账户', '涉嫌洗钱', '银联中心', '点击链接解冻', '通缉令', '资金核查', '刷单返利', '积分兑换现金']),
  ...block('GAMBLING', ['赌博', '博彩', '赌场', '百家乐', '六合彩', '时时彩', '老虎机', '真人荷官', 'casino', 'baccarat']),
  // Pornography and prostitution. Two-character words are avoided where they straddle common words
  // (色情 in 特色情侣, 援交 in 支援交流) because separators are removed before matching.
  ...block('PORNOGRAPHY', ['色情服务', '色情视频', '援交妹', '援助交际', '裸聊', '一夜情', '约炮', '小姐上门', '卖淫', '嫖娼', 'porn']),
  ...block('DRUGS', ['冰毒', '海洛因', '摇头丸', '出售大麻', '大麻烟', '氯胺酮', '麻古', '可卡因', 'cocaine', 'heroin']),
  // Weapons, ammunition and explosives.
  ...block('WEAPONS', ['枪支', '仿真枪', '猎枪', '子弹出售', '炸药', '雷管', '手榴弹', '军火']),
  // Counterfeit money, fake invoices and documents, stolen goods.
  ...block('COUNTERFEIT', ['假币', '假钞', '高仿人民币', '假发票', '办假证', '赃物', '销赃']),
  ...block('SMUGGLED_VEHICLES', ['走私车', '套牌车', '罚没车']),
  ...block('FALSE_PRIZE', ['幸运观众', '恭喜您中奖', '恭喜你中奖', '中了大奖', '领奖手续费', '场外幸运']),
  ...block('FALSE_MATCHMAKING', ['富婆征婚', '富婆包养', '征婚交友', '寂寞少妇', '借腹生子']),
  ...block('FALSE_RECRUITMENT', ['日赚千元', '兼职打字员', '月入过万', '手工活外发', '高薪诚聘公关']),
  // Service-provider subscription tricks: a reply silently subscribes the recipient to a paid service.
  ...block('SP_SUBSCRIPTION', ['回复1订购', '回复y订购', '回复是订购', '回复1开通', '回复任意内容开通']),
  // Unsolicited third-party advertising: invoices, immigration, real estate.
  ...block('THIRD_PARTY_ADS', ['代开发票', '发票代开', '代办移民', '移民名额', '购房落户', '楼盘内部认购']),
  // Political and state-security content.
  ...block('POLITICAL', ['颠覆国家政权', '推翻政府', '分裂国家', '煽动颠覆', '台湾独立', '西藏独立']),
  ...block('ETHNIC_HATRED', ['民族仇恨', '种族清洗', '种族灭绝', '灭族']),
  ...block('CULT_SUPERSTITION', ['法轮功', '全能神教', '转运符', '驱鬼', '开光法器', '风水改运']),
  ...block('RUMOUR', ['紧急扩散', '不转不是中国人', '转发救命', '扩散周知', '明日将地震']),
  ...block('TERRORISM_VIOLENCE', ['恐怖袭击', '制造爆炸', '圣战', '人体炸弹', '自杀式袭击', '砍死']),
  ...block('DEFAMATION', ['人肉搜索', '丑闻曝光', '就是个骗子', '诽谤']),
  // Teaching or selling the means of a crime.
  ...block('CRIME_METHODS', ['开锁教程', '黑客教程', '盗号软件', '窃听器', '针孔摄像', '偷拍', '查开房记录']),

  ...review('FINANCIAL_PROMOTION', ['贷款', '网贷', '理财产品', '股票推荐', '稳赚不赔', '高收益']),
  // Moving the conversation to a channel the platform cannot see is a common first step of fraud.
  ...review('CONTACT_DIVERSION', ['加微信', '加qq', '加vx', '加v信', '微信号']),
  ...review('INDUCEMENT', ['免费领取', '点击领取', '限时领取', '免费送']),
];

/**
 * Opt-out instructions (DOMAIN.md §1): a marketing text without one of these is held for review. They are
 * markers, not findings, so they never appear in a screening's matches.
 */
export const OPT_OUT_MARKERS: readonly string[] = ['退订', '拒收', 'replystop', 'textstop', 'unsubscribe', 'optout'];
