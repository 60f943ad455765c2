import { SCREENING_CATEGORIES } from '@sms/contracts';
/**
 * The screening lexicon (ADR 0031), kept as data so it can grow without touching the engine. Terms are written in
 * their plain simplified-Chinese / lower-case form; the engine folds them with the same normaliser it applies to
 * messages, so evasions (full-width, spacing, homoglyphs, traditional characters, spelled-out digits) match too.
 *
 * Categories are the ones CONTRACTS.md names for `POST /v1/screenings` (DOMAIN.md §3, terms §3.1); each term carries
 * the action its presence alone calls for. Terms were written for this platform (not taken from public spam corpora,
 * which are kept for evaluation). Short words that straddle ordinary ones once separators are removed are avoided
 * (色情 in 特色情侣, 援交 in 支援交流, sex in "is expected").
 *
 * Bump LEXICON_VERSION with every change of terms or signals: screenings and evaluations name the version they used.
 */
export const LEXICON_VERSION = 10;

export { SCREENING_CATEGORIES };

/** Outcomes decided by a rule rather than by a category's terms. */
export const SCREENING_RULES = ['missing-opt-out', 'url-not-allowed'] as const;

export type ScreeningCategory = (typeof SCREENING_CATEGORIES)[number];
export type ScreeningRule = (typeof SCREENING_RULES)[number];
export type ScreeningAction = 'BLOCK' | 'REVIEW';

export interface LexiconEntry {
  term: string;
  category: ScreeningCategory;
  action: ScreeningAction;
}

const block = (category: ScreeningCategory, terms: string[]): LexiconEntry[] => terms.map((term) => ({ term, category, action: 'BLOCK' }));
const review = (category: ScreeningCategory, terms: string[]): LexiconEntry[] => terms.map((term) => ({ term, category, action: 'REVIEW' }));

export const LEXICON: readonly LexiconEntry[] = [
  // Fraud impersonating banks, UnionPay and officials; "safe account" schemes; refund and loan scams.
  ...block('fraud', [
    '安全账户', '涉嫌洗钱', '银联中心', '点击链接解冻', '通缉令', '逮捕令', '资金核查', '清查资金', '刷单返利', '积分兑换现金',
    '账户已被冻结', '冻结您的账户', '配合警方调查', '公检法', '保证金解冻', '注销校园贷', '征信修复', '关闭百万保障',
    '快递丢失理赔', '航班取消改签', '医保卡已被冻结', 'safe account', 'your account has been frozen', 'verify your account immediately',
    // v4: the wording of common scripts (fake customer service, fake refunds, investment groups), Chinese and English.
    '资金清查', '百万保障险', '免费期已到', '填写银行卡号', '导师带单', '带单收益', '稳赚不亏', '婚恋网认识',
    'linked to money laundering', 'owed a tax rebate', 'guaranteed profit', 'double your investment', 'crypto trader',
  ]),
  ...review('fraud', ['网贷', '无抵押贷款', '稳赚不赔', '高收益', '内幕消息', '股票推荐', '带你炒股', '荐股', 'guaranteed returns']),
  ...block('gambling', [
    '赌博', '博彩', '赌场', '百家乐', '六合彩', '时时彩', '老虎机', '真人荷官', '首充送', '送彩金', '赌球', '外围投注', '线上娱乐城',
    '北京赛车', '大小单双', '德州扑克', '澳门威尼斯人', '在线下注', '投注网站', 'casino', 'baccarat', 'sportsbook', 'online slots', 'roulette',
    '能下注', '包赢', 'betting tips', 'fixed matches', 'place your bets',
  ]),
  ...review('gambling', ['网上棋牌', '棋牌充值', '下注', '赔率']),
  ...review('pornography', ['全套服务']),
  ...block('pornography', [
    '色情服务', '色情视频', '援交妹', '援助交际', '裸聊', '一夜情', '约炮', '小姐上门', '卖淫', '嫖娼', '成人视频', '黄色网站', '激情视频',
    '提供性服务', '外围女', '楼凤', '大保健', '包夜服务', 'porn', 'xxx video', 'escort service', 'hookup tonight', 'nude photos',
    '今晚一个人吗', '来了当面付', 'escort girls', 'girls to your hotel', 'lonely tonight',
  ]),
  ...block('drugs', [
    '冰毒', '海洛因', '摇头丸', '出售大麻', '大麻烟', '氯胺酮', '麻古', '可卡因', 'k粉', '笑气', '迷幻药', '听话水', '催情药',
    '芬太尼', '甲基苯丙胺', '嗨一整晚', '嗨药', '飞叶子', 'cocaine', 'heroin', 'meth for sale', 'ecstasy pills', 'mdma', 'ketamine', 'fentanyl',
  ]),
  ...block('weapons', [
    '枪支', '仿真枪', '猎枪', '子弹出售', '炸药', '雷管', '手榴弹', '军火', '气枪', '钢珠枪', '弓弩出售', '军刺', '管制刀具', '枪模配件',
    '出售手枪', '五四式', '弹夹', '铁家伙', '手枪出售', 'firearms for sale', 'handguns for sale', 'buy a gun', 'ammunition for sale', 'ak47',
  ]),
  ...block('counterfeit', [
    '假币', '假钞', '高仿人民币', '假发票', '办假证', '赃物', '销赃', '高仿名表', '一比一复刻', '精仿包', '假学历', '办证刻章', '代办驾照',
    '假护照', '来路不问', '来路不明的货', 'counterfeit', 'fake passport', 'replica watches', 'fake diploma',
  ]),
  ...block('smuggling', ['走私车', '套牌车', '罚没车', '走私香烟', '水货手机', '海关扣押车', '无牌照车出售', '走私冻品', '海关罚没', '免税走私', '水货豪车', '不走正规报关', '不用报关', 'smuggled cars', 'smuggled luxury', 'no customs papers', 'contraband']),
  ...review('smuggling', ['走私', '免税烟']),
  ...block('false-lottery', [
    '幸运观众', '恭喜您中奖', '恭喜你中奖', '中了大奖', '领奖手续费', '场外幸运', '您已被抽中', '被评为幸运用户', '抽中iphone', '获得二等奖',
    'you have won', 'claim your prize', 'lottery winner', 'mobile lottery', 'your number won', 'your number has won',
  ]),
  ...review('false-lottery', ['免费领取', '点击领取', '限时领取', '免费送', '兑奖', '领取奖金']),
  ...block('false-matchmaking', [
    '富婆征婚', '富婆包养', '征婚交友', '寂寞少妇', '借腹生子', '重金求子', '包养', '单身美女陪聊', '交友见面费', '婚介保证金', 'sugar daddy',
    'rich widow', 'lonely wife', 'wealthy widow', 'support you financially', '诚意金见面', '见面诚意金',
  ]),
  ...review('false-matchmaking', ['同城交友', '征婚启事']),
  ...block('false-recruitment', [
    '日赚千元', '兼职打字员', '月入过万', '手工活外发', '高薪诚聘公关', '点赞员', '淘宝刷单', '无需经验日薪', '招聘男女公关', '招聘夜场',
    '轻松月入', 'earn 500 a day', 'work from home and earn',
  ]),
  ...review('false-recruitment', ['在家兼职', '日结工资', '佣金日结', '海外高薪']),
  // Service-provider subscription tricks: a reply silently subscribes the recipient to a paid service.
  ...block('sp-trick', [
    '回复1订购', '回复y订购', '回复是订购', '回复1开通', '回复任意内容开通', '回复确认开通', '回复任意字符订购', '回复即同意扣费', '信息费元条',
    'reply yes to subscribe', 'reply y to confirm subscription',
  ]),
  // Unsolicited third-party advertising: invoices, immigration, real estate.
  ...block('unsolicited-ad', ['代开发票', '发票代开', '代办移民', '移民名额', '购房落户', '楼盘内部认购', '内部房源', '投资移民', 'guaranteed residency', 'immigration agent', 'second passport']),
  ...review('unsolicited-ad', ['增值税发票', '学区房', '房源急售', '首付分期', '一手房源']),
  // Political and state-security content.
  ...block('political', [
    '颠覆国家政权', '推翻政府', '分裂国家', '煽动颠覆', '台湾独立', '西藏独立', '新疆独立', '香港独立', '颜色革命',
    '独裁政权', '天安门屠杀', '六四事件', 'overthrow the government', 'overthrow the regime', 'rise up and overthrow',
  ]),
  ...review('political', ['游行示威', '罢工', '维权上访']),
  ...block('ethnic-hatred', ['民族仇恨', '种族清洗', '种族灭绝', '灭族', '劣等民族', '滚出中国', '支那', '黑鬼', '白皮猪', 'racial purge', 'white power', 'ethnic cleansing', 'they are vermin', 'drive them all out']),
  ...review('ethnic-hatred', ['鬼子']),
  ...block('cult', [
    '法轮功', '法轮大法', '全能神', '东方闪电', '呼喊派', '门徒会', '三班仆人', '观音法门', '转运符', '驱鬼', '开光法器', '风水改运', '退党保平安',
    '末日审判', '信者得救', '末日将至', 'join our cult', 'end of the world is near', 'give up your savings to be saved',
  ]),
  ...review('cult', ['世界末日', '消灾解难', '改命', '算命']),
  ...block('terror', [
    '恐怖袭击', '制造爆炸', '圣战', '人体炸弹', '自杀式袭击', '砍死', '东突厥斯坦', '伊斯兰国', '炸毁', '血洗', '劫持人质', '投毒', '杀人放火',
    'jihad', 'bomb attack', 'kill them all', 'we will bomb', 'join the attack',
  ]),
  ...review('terror', ['屠杀']),
  ...block('rumour', [
    '紧急扩散', '不转不是中国人', '转发救命', '扩散周知', '明日将地震', '疫苗有毒', '马上要封城', '转疯了', '转发给你的家人', '全部倒闭', '存款取不出来', 'forward to everyone you know',
    'has been poisoned', 'share to save lives',
  ]),
  ...review('rumour', ['内部消息称', '据内部人士', '千万别吃']),
  ...block('defamation', ['人肉搜索', '丑闻曝光', '就是个骗子', '诽谤', '黑心商家', '无良企业', '造谣抹黑', '败类老板', '他是个人渣', '请转告所有人', '乱搞男女关系', 'is a fraudster', 'is a paedophile', 'is a thief', 'a liar', 'spread the word before']),
  ...review('defamation', ['奸商', '渣男', '小三']),
  // Teaching or selling the means of a crime.
  ...block('crime-method', [
    '开锁教程', '黑客教程', '盗号软件', '窃听器', '针孔摄像', '偷拍', '查开房记录', '代查个人信息', '手机定位找人', '查通话记录', '出售身份证',
    '出售银行卡', '收购银行卡', '洗钱渠道', '木马程序', '短信轰炸', '呼死你', '改号软件', '伪基站', '短信群发器',
  ]),
  ...review('crime-method', ['gps定位器', '翻墙软件']),
  // v5 (ADR 0032 addendum): the vocabulary of the second corpus batch's train misses, written as each category's words
  // in general (synonyms, both languages) rather than a row's wording. Pinyin spellings of every term come from pinyin.ts.
  ...block('fraud', [
    'unpaid toll', 'toll charge', 'claim your tax refund', 'submit your bank details',
    'confirm your identity at', 'verify your identity at', 'restore access at', 'guaranteed loan', 'bad credit ok',
    'trading bot', 'daily returns',
    'etc认证', 'etc卡已过期', 'etc已过期', 'etc卡已失效', '信用卡套现',
    '凭身份证秒批', '当天放款', '黑户可贷', '刷单', '垫付秒返', '做一单结一单', '修复征信', '消除逾期', '逾期记录消除', '征信洗白',
  ]),
  ...review('fraud', ['sorry wrong number', 'wrong number', 'forex', 'trade gold', 'to avoid a penalty', '备用金', '自动扣费', '按我说的']),
  ...block('gambling', ['free spins', 'free bet', 'deposit match', 'deposit bonus', 'no deposit bonus', 'sure bet', 'place it for you', '滚球', '上下分', '特码', '一码中特', '龙虎斗']),
  ...block('pornography', [
    'sexy local', 'local girls', 'horny', 'adult chat', 'dirty chat', 'naughty chat', 'sexy chat', 'nudes', '全城空降',
    '私密表演', '福利视频', '约妹',
  ]),
  ...block('drugs', [
    'xanax', 'oxycodone', 'fresh bud', 'shrooms', 'magic mushrooms', 'lsd tabs',
    'weed for sale', 'percocet', '曲马多', '迷药', '上头电子烟',
  ]),
  ...block('weapons', [
    'ghost gun', 'no serial', 'no background check', 'tasers', 'stun gun', 'knuckle duster', 'switchblade', 'rifle for sale', 'pistol for sale',
    '弓弩', '钢珠', '气狗', '整枪', '蝴蝶刀', '三棱刺', '狗粮子弹', '射程百米',
  ]),
  ...review('weapons', ['打猎']),
  ...block('counterfeit', [
    '专用发票可开', '发票可开', '可开发票', '专票普票', '各类发票', '专业办证', '证件制作', '包拿证', '免考拿证',
    '毕业证制作', '学位证制作', '与真证一致', '一刀999', 'fake id', 'designer bags and watches',
  ]),
  ...review('counterfeit', ['学历提升', '毕业证', '学位证']),
  ...block('smuggling', ['水货烟', '免税香烟', '不报关', '不用检疫', 'no tax stamps', 'duty-free cigarettes', 'duty free cigarettes', 'untaxed', 'unmarked boxes']),
  ...review('smuggling', ['水货']),
  ...block('false-lottery', ['txt win', 'text win', 'to claim call', 'selected to receive']),
  ...block('false-matchmaking', ['mature ladies', 'meet singles', 'txt date', 'text date', 'lonely singles', '会员费方可']),
  ...review('false-matchmaking', ['真诚交友', 'we matched']),
  ...block('false-recruitment', ['mystery shopper', 'wire the rest', 'paid to like', 'daily salary', '好评员', '一单一结', '宝妈学生', '夜场服务员', '夜场招聘']),
  ...review('false-recruitment', ['日薪', '包吃住']),
  ...block('sp-trick', ['ringtones', 'ringtone', 'polyphonic', 'txt tone', 'games club', 'charged per week', 'per week unless', '彩铃包月']),
  ...block('unsolicited-ad', ['entitled to compensation', 'reply claim', "wasn't your fault", 'ppi claim', '海外身份', '黄金居留']),
  ...review('unsolicited-ad', ['移民', '急售']),
  ...block('crime-method', [
    '代孕', '包生男孩', '收购微信', '收购实名', '实名微信号', '收购支付宝', '查人找人', '聊天记录恢复', 'fullz', 'bank logs',
    'fresh cvv', 'sim swap', 'clone cards', 'clone bank cards',
  ]),
  ...block('rumour', ['全面封控', '赶紧囤货', '赶紧转发', '5g towers', 'spreading the virus', 'forward this to everyone']),
  ...block('cult', ['神功', '百病不侵', 'miracle healing', 'prayer cloth', 'seed offering', 'cures cancer']),
  ...block('terror', ['pipe bomb', 'bomb instructions', 'make a bomb', 'strike the stadium', '见一个砍一个']),
  ...block('political', ['反抗暴政', '暴政', '打倒独裁', '独裁者', 'rigged election', 'shut the city down']),
  ...review('political', ['take to the streets']),
  ...block('ethnic-hatred', ['滚出我们', '不配做人', '外地人都该', 'should be purged']),
  ...review('fraud', ['admin fee', 'withdraw anytime', 'update your payment details', '额度提现', '提现秒到', '秒批', '快递遗失']),
  ...review('pornography', ['特殊服务', '上门按摩']),
  ...review('drugs', ['无需处方', 'without prescription', '电子烟油']),
  ...review('counterfeit', ['可查可验', '不用考试']),
  ...review('false-lottery', ['free entry', 'cash prize', '幸运客户']),
  ...review('false-matchmaking', ['dating site', '单身女士', '获取联系方式']),
  ...review('unsolicited-ad', ['write off', 'your debts', 'government scheme']),
  ...review('crime-method', ['收购对公', '助孕']),
  ...review('rumour', ['致癌']),
  ...review('cult', ['不用吃药']),
  ...review('defamation', ['骗钱', '扒一扒']),
  ...review('fraud', ['account is locked', 'account has been locked', 'account has been suspended', 'account will be suspended', 'membership is suspended', 'no credit check']),
  ...review('drugs', ['without a prescription']),
  ...review('counterfeit', ['replica']),
  ...review('false-lottery', ['you have been selected', 'claim your reward']),
  ...review('ethnic-hatred', ['are animals']),
  ...review('pornography', ['照片真实', '见面付款']),
  ...block('defamation', ['卖假货', '大家千万别去', 'con artist', 'steals deposits', 'share this so nobody']),
  // v6 (ADR 0031 addendum 2): unambiguous names of weapons, drugs and crime tools in plain words and slang. Slang that is
  // also an ordinary word (叶子, 糖果, green, snow, heat) is not a term: it is a signal (`drugSlang`, `weaponSlang`) that
  // only counts beside a covert-sale cue (rule `covert-sale`).
  ...block('weapons', ['甩棍', '3d打印手枪', '手枪图纸', '枪械图纸', '长短货', 'auto sear', 'glock switch', 'full auto conversion', 'no bodies on', 'untraceable gun']),
  ...review('weapons', ['砍刀', '电击器', 'brass knuckles']),
  ...block('drugs', ['溜冰', '神仙水', '麻果', '猫粉', 'percs', 'xans', 'thc carts', '420 friendly']),
  ...block('crime-method', ['收款码出租', '出租银行卡', '出租收款码', '开房记录', '银行卡四件套', '出售四件套', 'bank drops', 'cash out method', 'skim cards', 'card skimmer', 'skimming device', 'carding']),
  ...review('crime-method', ['跑分']),
  ...block('fraud', ['清零账户', '验证资金', '流水验证', '解冻金', '资金审查', 'release fee', 'receive double', 'send it back to me']),
  // v7 (ADR 0031 addendum 3): terror and false-recruitment wording beyond the plain keywords.
  ...block('terror', ['血债血偿', '见人就杀', '做炸弹', '武装行动', 'take no prisoners', 'vests are ready', 'martyrdom', 'the infidels', 'hit the crowd']),
  ...review('terror', ['付出代价', 'household chemicals']),
  ...block('false-recruitment', ['入职先交', '入职需先交', '护照由公司保管', '护照交由公司', 'passport kept by', 'passport held by']),
  // v8 (ADR 0031 addendum 4): breadth — the concept space of terror, fake jobs and fraud in other words than the
  // corpus's (synonyms, euphemisms, slang, both registers). Words that are also ordinary (爆炸 in news, "blast" in
  // marketing, 袭击 in sport) are not terms: they are `violence` signals that only count beside a crowd target.
  ...block('terror', [
    '恐怖分子', '恐袭', '暴恐', '暴力恐怖', '东伊运', '基地组织', '哈里发国', '圣战士', '加入圣战', '殉道行动', '爆炸装置', '简易爆炸',
    '土制炸弹', '自制炸弹', '制作炸弹', '炸弹制作', '炸弹配方', '炸药配方', '汽车炸弹', '炸弹背心', '自杀式爆炸', '遥控引爆', '定时引爆',
    '报复社会', '杀光他们', '杀他们全家', '无差别杀人', '见人就砍', '冲进人群', '撞向人群', '开车撞人群', '在水源投毒', '屠杀异教徒',
    '以血还血', '大开杀戒', '拿起武器', '为主献身',
    'al qaeda', 'al-qaeda', 'caliphate', 'mujahideen', 'jihadist', 'martyr operation', 'suicide vest', 'suicide bomber', 'suicide bombing',
    'car bomb', 'truck bomb', 'nail bomb', 'pipe bombs', 'pressure cooker bomb', 'dirty bomb', 'explosive device', 'detonator', 'detonate',
    'plant a bomb', 'plant the bomb', 'set off a bomb', 'build a bomb', 'bomb making', 'bomb-making', 'molotov', 'firebomb', 'behead',
    'kill the kuffar', 'kuffar', 'kill every last', 'death to america', 'death to infidels', 'lone wolf attack', 'vehicle ramming',
    'ram the crowd', 'drive into the crowd', 'open fire on', 'shoot everyone', 'slaughter them', 'poison the water', 'holy warriors',
    'join the mujahideen', 'join the fighters', 'take up arms', 'armed struggle', 'blood will flow', 'pay in blood',
  ]),
  ...review('terror', ['同归于尽', '斩首', '异教徒', '杀了他们', '血流成河', '炸掉', 'massacre', 'mass shooting', 'anthrax', 'ammonium nitrate', 'holy war', 'infidel',
    '发动袭击', '策划袭击', '袭击计划', 'mass casualties']),
  ...block('false-recruitment', [
    '手机兼职', '网络兼职', '打字兼职', '点赞兼职', '做任务赚', '任务佣金', '垫付任务',
    '日赚三百', '日赚五百', '日入过千', '日入千元', '一天赚几百', '每天赚几百', '轻松日赚', '在家日赚', '躺着赚钱', '动动手指就能赚',
    '入职费', '岗前培训费', '激活工号', '工号激活', '先交押金', '交押金上岗', '高薪无需经验', '宝妈兼职', '学生兼职日结', '海外高薪招聘', '境外高薪', '出国务工高薪',
    'paid to review', 'paid per like', 'paid per task', 'pay per task', 'like videos and earn',
    'typing job', 'typing jobs', 'data entry job', 'work from your phone', 'earn from your phone', 'earn from home', 'earn at home',
    'earn per day', 'starter kit fee',
    'onboarding fee', 'pay for your training', 'job offer via whatsapp', 'recruiter on whatsapp', 'task-based job', 'optimise products',
    'optimize products', 'boost product ratings', 'complete tasks and earn', 'commission per task',
  ]),
  ...review('false-recruitment', ['高薪招聘', '高薪兼职', '兼职日结', '零基础高薪', 'part-time online', 'remote job offer']),
  ...block('fraud', [
    '转入安全账户', '转到安全账户', '国家账户', '核查账户', '资金清白', '证明资金清白', '涉嫌一起', '涉及一起洗钱', '涉及洗钱案',
    '你的身份证被冒用', '身份证被冒用', '名下银行卡涉嫌', '电话会议笔录', '网上通缉', '冻结名下', '退还会员费', '关闭借贷功能', '关闭贷款功能',
    '取消会员自动扣费', '误开通会员', '注销账户否则',
    '投资理财群', '炒股群', '数字货币投资', '虚拟币投资', 'usdt投资', '内幕股', '原始股', '零风险高收益',
    'protected account', 'move your savings', 'transfer your savings', 'bank staff are involved',
    'bank staff may be involved', 'itunes cards', 'steam cards', 'google play cards', 'pay in gift cards', 'bitcoin atm', 'crypto atm',
    'courier will collect', 'hand the cash to', 'arrest warrant', 'warrant has been issued', 'your social security number has been suspended',
    'ssn has been suspended', 'risk-free returns', 'risk free returns', 'guaranteed returns daily', 'crypto recovery', 'recover your lost funds',
  ]),

  // v9 (ADR 0031 addendum 5): terror beyond attack threats — propaganda and glorification, recruitment and financing of
  // violent groups, weapons of mass harm, threats against places — in words no ordinary text uses; news-like words REVIEW.
  ...block('terror', [
    '加入伊斯兰国', '效忠哈里发', '哈里发战士', '真主的战士', '为真主而战', '为真主而死', '去叙利亚参战', '参加圣战', '资助圣战', '为圣战捐款',
    '消灭异教徒', '杀死异教徒', '异教徒必须死', '七十二个处女', '殉教者', '袭击者是英雄', '向袭击者致敬', '炸死他们', '炸死你们', '把炸弹放在',
    '安放炸弹', '装了炸弹', '埋了炸弹', '放了炸弹', '炸了你们', '炸学校', '炸地铁', '炸商场', '毒气袭击', '释放毒气', '制造毒气', '毒气弹', '沙林毒气',
    '神经毒剂', '芥子气', '蓖麻毒素', '三过氧化三丙酮', '硝酸铵炸药', '黑火药配方', '燃烧瓶', '恐怖组织招募', '加入恐怖组织',
    'join isis', 'join the islamic state', 'soldiers of the caliphate', 'soldier of the caliphate', 'pledge allegiance to the caliph', 'fight for allah',
    'die for allah', 'army of allah', 'travel to syria to fight', 'fight in syria', 'fund the mujahideen',
    'fund the jihad', 'donate to the fighters', 'fund the fighters', 'support our fighters', 'arm the brothers', 'weapons for the brothers',
    'glory to the martyrs', 'praise the attack', 'celebrate the attack', 'the attack was a blessing', 'heroes of the attack',
    '72 virgins', 'seventy two virgins', 'kill the infidels', 'kill the unbelievers', 'death to the unbelievers', 'behead the', 'sarin gas', 'nerve agent',
    'nerve gas', 'mustard gas', 'chlorine gas attack', 'make ricin', 'ricin toxin', 'extract ricin', 'weaponise anthrax', 'weaponize anthrax',
    'bioweapon', 'acetone peroxide', 'semtex', 'anfo bomb', 'thermite bomb', 'homemade explosive', 'home-made explosive', 'bomb recipe',
    'explosive recipe', 'there is a bomb', "there's a bomb", 'planted a bomb', 'placed a bomb', 'blow up the school',
    'blow up the station', 'blow up the building', 'blow you all up', 'you will all die', 'you will all burn', 'burn you all', 'kill you all',
  ]),
  ...review('terror', ['daesh', 'taliban', 'islamic state', 'lone wolf', 'apostates', 'chemical weapon', 'biological weapon', 'i will kill you',
    'going to kill you', '我要杀了你', '弄死你们', '生化武器', '化学武器', '炭疽', '殉道者']),
  ...block('weapons', ['自制枪支']),
  // v9: the fraud scripts' asks in words only a scam uses (a card's PIN to be read out, vouchers as payment, a code read out).
  ...block('fraud', [
    '把卡密发', '卡密发给我', '卡密拍照', '刮开卡密', '刮开涂层', '买几张礼品卡', '帮我买卡', '帮我买充值卡', '帮我买点卡',
    'scratch the back of the card', 'photo of the back of the card', 'send me the card codes', 'send me the codes on the back',
    'pick up some gift cards', 'grab some gift cards', 'buy some gift cards', 'buy me some gift cards', 'buy vouchers for me', 'buy me vouchers',
    'read me the otp', 'send me the otp', 'tell me the otp', 'forward me the otp', '验证码发给我', '把验证码告诉我', '验证码报给我',
  ]),

  // v10 (ADR 0031 addendum 6): fraud as conversation — the structures of investment grooming, withdrawals held for a
  // fee, fake refunds and compensation, advance-fee loans, task scams and impersonated officials, in phrases no honest
  // sender writes (a fee before money can be received, a deposit before a loan is paid out, a top-up to finish "tasks").
  // Words that honest notices also use (监管账户 in property deals, case number, legal proceedings, gift-card offers,
  // 补足差额, 实名认证后才能提现) are not terms.
  ...block('fraud', [
    '提现需缴纳', '提现需要缴纳', '提现前需缴纳', '提现需先缴纳', '缴纳手续费后才能', '缴纳手续费才能', '缴纳保证金后才能', '费才能提现', '费后才能提现',
    '费后即可提现', '费才能退回', '费后才能退回', '税后才能提现', '税才能提现', '缴纳解冻', '解冻需缴纳', '解冻需要缴纳', '才能解冻提现', '无法提现需',
    '出金需缴纳', '充值后才能提现', '继续充值才能', '连单', '做单返佣', '充值做单', '升级vip才能', '先交费后放款', '先缴费再放款', '放款需缴纳',
    '资金被冻结需', '刷流水', '做流水', '还款能力验证', '验证还款能力', '认证金', '工本费后放款', '贷款保证金', '包赚不赔', '只赚不赔', '保本保息',
    '老师带单', '跟着老师操作', '带你回本', '帮你追回', '网络追损', '涉嫌一宗', '清查账户', '审查账户',
    'withdrawal fee', 'fee to withdraw', 'pay the withdrawal', 'tax before you can withdraw', 'pay tax to withdraw', 'pay the tax to withdraw',
    'fee to unlock', 'unlock your funds', 'unlock your withdrawal', 'withdrawal has been frozen', 'withdrawal is frozen', 'release your profits',
    'upgrade to vip to withdraw', 'upgrade your account to withdraw', 'combo task', 'combination order', 'lucky order', 'top up to complete',
    'reset your tasks', 'negative balance to withdraw', 'activate your loan', 'loan activation fee', '贷款激活', '激活贷款', 'loan insurance fee', 'upfront fee for the loan', 'fee before the loan',
    'guaranteed profits', 'no risk investment', 'risk-free investment', 'trading signals group', 'vip signal', 'pump group', 'insider tips',
    'recover your losses', 'funds recovery', 'warrant for your arrest', 'subpoena', 'you are under investigation', 'under federal investigation',
    'pay with gift cards', 'pay using gift cards', 'in the form of gift cards', 'fee with a gift card', 'fee with an apple gift card',
    'fee with an amazon gift card', 'fee with a google play', 'fee with itunes', 'gift card and reply with the code', 'gift card and send the code',
    'send the gift card code', 'send me the gift card', '礼品卡卡密发', '卡密发过来',
  ]),
  ...review('fraud', ['出金', '追损', '才能提现', '追回损失', '股票群', '炒币', '合约交易', 'recover your money', 'unclaimed funds',
    'claim your refund', 'claim your compensation', 'crypto platform']),
];

/**
 * Signals: words that decide nothing alone but combine into rules (ADR 0031). An authority plus a demand to move
 * money is impersonation fraud; a prize plus a fee is a false lottery; a lure to another channel (add QQ/WeChat,
 * download an app, share the screen) is held, and blocked when it comes with money, an authority or a prize.
 */
export const SIGNALS = {
  authority: [
    '公安局', '公安', '警察', '民警', '警官', '派出所', '法院', '检察院', '海关', '税务局', '银行', '银联', '银保监', '证监会', '医保局', '社保局',
    '市场监管', '国家安全局', 'police', 'court order', 'customs', 'bank', 'tax office', '刑侦', '专案组', '冒用开户',
    'financial crime unit',
    // v8
    '公安机关', '网警', '反诈中心', '刑警', '经侦', '人民法院', '最高检', '金融监管', '中国人民银行', '央行', '社保中心', '医保中心', '支付宝客服', '微信支付客服',
    'hmrc', 'irs agent', 'fbi', 'interpol', 'federal agent', 'department of justice', 'social security administration', 'fraud department', 'fraud team',
    'national crime agency', 'metropolitan police', 'immigration office', 'bank security team',
    // v9
    '理赔中心', '信用卡中心', '教育局', 'billing department', 'security department', 'tax department', 'revenue service', 'the sheriff',
    'police officer', 'detective', 'court officer',
    // v10
    '专案组民警', '办案民警', '办案人员', '检察官', '法官', '书记员', '经侦支队', '刑侦大队', '反洗钱中心', '金融监督管理', '公安部', '最高人民法院', '最高人民检察院', '国际刑警', '银保监会', '证券监管', '互联网法院', 'case officer', 'investigating officer', 'prosecutor', 'magistrate', 'crown court', 'high court', 'federal court', 'u.s. marshal', 'customs officer', 'border force', 'anti-fraud centre', 'anti-fraud center', 'financial regulator', 'consumer protection agency',
  ],
  transfer: [
    '转入安全', '转入指定', '指定账户', '将资金转', '把钱转', '请转账', '立即转账', '马上转账', '转账至', '转账到', '汇款至', '汇款到', '打款至', '汇至',
    '缴纳保证金', '解冻费', '配合调查', '验资', '指定的账户', '把存款转', '转到我们', 'move all funds', 'transfer the funds to', 'transfer your money', 'wire the money', 'send money to',
    // v8
    '转移资金', '资金转移', '转到安全', '转至安全', '转入新账户', '转到新账户', '把钱取出来', '取现后存入', '存到这个账户', '打到这个账户',
    '转账给我们', '把余额转', '全部转出', 'holding account', 'withdraw cash and',
    'buy vouchers', 'new account we', 'safe wallet',
    // v9
    '转到这个账户', '转到下面账户', '转至以下账户', '打到下面', '汇到这个', '转入以下', '打款到', '转入我们', '转给客服',
    'send it to this account', 'pay into this account', 'transfer to the account below', 'pay to the account below',
    // v10
    '清查资金', '核查资金', '配合资金', '资金审查', '转到指定', '存入指定', '转入核查', 'verification account', 'safe-keeping account', 'send the funds to',
  ],
  prize: ['中奖', '获奖', '抽中', '抽到', '积分抽奖', 'number won', '幸运用户', '大奖', '奖品', '一等奖', '二等奖', '三等奖', 'you won', 'prize', 'winner',
    // v10
    '回馈抽奖', '幸运客户', '被选中', '抽奖活动中', '获得了一台', 'selected as a winner', 'been selected to receive', 'you are a winner'],
  fee: ['保价费', 'calls cost', 'per min', '手续费', '保证金', '个人所得税', '税费', '邮费', '公证费', '激活费', '运费', '预付', '诚意金', '押金', 'registration fee', 'shipping fee', 'processing fee', 'pay a fee', 'pay the tax', 'deposit',
    // v10
    '解冻费', '认证费', '工本费', '提现费', '税金', 'withdrawal fee', 'release fee', 'clearance fee', 'handling fee', 'admin fee'],
  lure: [
    '加微信', '加薇', '加威', '薇信', '客服微信', '专员微信', '添加微信', '扣扣', '抠抠', 'on whatsapp', 'whatsapp me', 'whatsapp us', 'via whatsapp', 'add me on',
    'snapchat', 'message me on', '加qq', '加vx', '加v信', '加wx', '加威信', '加薇信', '微信号', 'qq号', '扣扣号', '加tg', '加我微信', '加我qq', '扫码填写', '投资群', 'vip group', 'vip room', 'telegram', '下载app', '下载客户端',
    '安装app', '屏幕共享', '共享屏幕', '远程控制', '远程协助', '向日葵', 'todesk', 'teamviewer', 'anydesk', 'screen sharing', 'remote access',
    // v8: the recruiter's or the 'advisor's' move to a chat app
    'text job', 'reply job', 'contact hr on', '加hr', '添加hr', '联系hr', '私信了解', '私聊了解', '加我领取', 'add my whatsapp', 'chat on telegram',
    'dm for details', 'message me for details', 'on signal', 'via telegram',
    'download the app',
    // v9
    '加个微信', '加下微信', '加一下微信', '去微信聊', 'continue on whatsapp', 'talk on telegram', 'add me on telegram', 'continue on telegram',
    'move to whatsapp', 'move to telegram',
    // v10
    '加导师', '添加导师', '导师微信', '助理微信', '进vip群', '进群领取', 'vip channel', 'signal group',
  ],
  /**
   * An anti-fraud warning (banks and police describe the scam to warn against it): fraud findings in such a text are
   * held for a human rather than blocked — a scam that borrows the wording is still held, never sent unreviewed.
   */
  warning: [
    '谨防诈骗', '谨防', '防骗', '反诈', '都是诈骗', '均为诈骗', '一律是诈骗', '不会以任何理由', '不存在安全账户', '请勿向陌生', '警惕诈骗',
    'never ask', 'will never request', 'fraud alert', 'is a scam', 'are scams', 'beware of',
    '诈骗高发', '不会在电话里', '请拨打110', '拨打96110', '防骗提醒', '反诈提醒',
    '风险提示', '不法分子', '请勿轻信', 'scammers may', 'this is a scam', 'it is a scam',
    // v6
    '不会要求', '都是骗子', '请注意甄别', 'we will never', 'we never ask', 'will never do this', '不会以',
    // v7
    '从不收取', 'we never take', 'will never call', 'never ask for',
  ],
  money: ['兼职', '网贷', '借款', '刷单', '返利', '佣金', '日结', '炒股', '荐股', '理财', '投资', '贷款', '退款', '理赔', '赚钱', '退保', 'invest', 'refund'],
  /** Putting money on an account to play: turns a gambling word that is only held on its own into a block. */
  stake: ['充值', '先充', '上分', 'deposit', 'top up'],
  /** Reply or dial instructions and a recurring charge: together, the SP subscription trick of DOMAIN §3. */
  reply: ['reply yes', 'reply y', 'text yes', 'reply 1', '回复1', '回复y', '回复是', '回复任意', '拨打1259', '回复数字',
    '回复0', '回复2', '回复3', '回复4', '回复5', '回复6', '回复7', '回复8', '回复9', 'txt', 'reply game', 'text tone'],
  charge: ['per message', 'renews automatically', 'per week', 'per month', '资费', '信息费', '包月', '元月', '元条', '自动续订',
    'per msg', 'msg 18', 'you will be charged', 'week unless', 'wk 16', '每月仅需', '自动扣费'],
  /** Someone close (a child, a friend, a boss) writing from a "new number": the opening of most impersonation scams. */
  impersonation: [
    '我换号了', '这是我新号码', '这是我的新号码', '这是我新的微信', '我的新微信', '手机掉水里', '手机坏了', '我是你老同学', '听不出来了', '领导我是',
    'this is my new number', 'my new number', 'i dropped my phone', 'i lost my phone', 'hi mum', 'hi mom', 'hi dad',
    'new phone number', 'my phone broke', 'phone is broken', '我手机丢了', '手机丢了',
    // v6
    '换号了', '手机没电', '借同事的手机', '猜猜我是谁', '我是你们', 'new number', 'temporary number', 'phone fell', 'lost my phone',
    // v8
    '妈是我', '爸是我', '妈，是我', '是我啊', '我是你大学同学', '我是你表哥', '我是你们领导', '我是你们老板', '借朋友的手机', '用朋友的手机', '这是我临时号码', '临时号码',
    '原来的号码', '号码换了', '新手机号', 'hey mum', 'hello mum', 'hey dad', 'hello dad', 'mum its me', 'dad its me', 'old number', 'new mobile', 'this is your boss',
    'this is your manager', "borrowed a friend's phone", "using a friend's phone", 'my phone is dead', 'phone died', 'smashed my phone', 'cracked my phone',
    // v7
    '老同学', '微信被封', '钱包丢了', "i'm in trouble", 'im in trouble', 'my bank app is down',
    // v9
    '我是你老板', '我是你领导', '我是你同事', '我是你儿子', '我是你女儿', '我是你孙子', '我是你侄子', '我是你外甥', '我是你老师',
    '还记得我吗', '不记得我了', '这是我另一个号', '我另一个号', '我的小号', '刚换的号',
    'this is your son', 'this is your daughter', 'this is your grandson', 'this is your granddaughter', 'your favourite nephew', 'my other number',
    'got a new phone', 'new whatsapp', 'hi mummy', 'hi mam', 'hiya mum', 'hi grandma', 'hi grandpa', 'hi nan', 'hi gran', 'hey its your', 'hi its your',
  ],
  /** Asking the recipient to pay someone: with impersonation or secrecy it is the conversational fraud of DOMAIN §3. */
  payment: [
    '卡号', '户名', '垫付', '借我', '转给', '打到我', '先转', '急用钱', '手头有点紧', '转到', 'can you send', 'send money', 'to this account', 'pay a bill',
    'lend me', 'transfer', 'need a favour', 'need a favor', 'urgent payment',
    // v6
    '这个卡上', '帮我垫', '垫一下', '周转', '急着付', "friend's account", 'pay you back', 'reimburse', 'help me pay',
    // v8
    '借点钱', '借我点', '转我', '转点钱', '打点钱', '急需用钱', '先帮我付', '帮我付', '帮我转', '帮忙转', '江湖救急', '回头还你', '明天还你', '马上还你',
    'borrow some money', 'borrow money', 'lend me some', 'short on cash', 'need some money', 'pay it for me', 'pay this for me', "i'll pay you back", 'sort code',
    // v7
    '卡号发你', '先借我', 'send it now', 'wants cash', 'repay you', 'cover it',
    // v9
    'v我', '转一笔', '打一笔', '汇一笔', '微信转我', '支付宝转我', '发个红包', '发红包给我', '借我用', '先借点', '借几千', '借我几', '能借我', '可以借我',
    '转我一下', '帮我交', '帮忙交', '帮我充', '帮我付一下', '差点钱', '凑点钱', '先垫着', '替我付', '转过来给我',
    'venmo me', 'cashapp me', 'cash app me', 'zelle me', 'paypal me', 'e-transfer', 'can you transfer', 'could you transfer',
    'could you send', 'could you lend', 'can u send', 'can u transfer', 'pls send', 'plz send', 'spot me', 'float me',
    'front me', 'wire me', 'need you to pay', 'need you to buy', 'pay for me', 'pay the bill for me', 'help me out with', 'a few quid', 'account details below',
  ],
  /** Keeping the payment from others. */
  secrecy: ['别跟爸说', '别跟妈说', '别告诉爸妈', '别让爸知道', '别让妈知道', "don't tell dad", "don't tell mum", "don't tell mom", 'keep this between us',
    '别告诉爸', '别告诉妈', "don't tell anyone",
    // v8
    '别告诉别人', '不要告诉别人', '不要跟别人说', '别跟别人说', '替我保密', '帮我保密', '别让家里知道', '别让老婆知道', '别让老公知道',
    'keep it quiet', "don't mention this", 'do not tell anyone', 'between you and me', "don't tell your wife", "don't tell your husband",
    // v9
    '只有你知道', '千万别说', '别声张', '不要声张', '别让别人知道', '咱俩之间', '保守秘密',
    'keep it secret', 'keep this secret', "don't let anyone know", 'just between us', 'our little secret', 'no one needs to know', 'nobody needs to know',
  ],
  /**
   * v6 — the pretext of a scam (DOMAIN §3 fraud): a refund or compensation, an account problem, a credit limit, a loan,
   * a "case", a prize, a task, an investment. Harmless alone; with an `instruction` it is the shape of most fraud.
   */
  pretext: [
    '退款', '理赔', '赔付', '补偿', '冻结', '被限制', '已被限制', '异常登录', '提额', '临时额度', '校园贷', '学生贷', '注销', '自动续费', '试用',
    '传票', '通缉', '案件', '涉嫌', '洗钱', '违禁品', '航班取消', '退票', '退改签', '征信', '放款', '下款', '解冻', '搬砖', '套利', '收益', '带单',
    '跟单', '导师', '内部数据', '内部渠道', '稳赚', '做任务', '任务群', '点赞', '好评', '游戏账号', '退税', '年审', '盗刷', '涨停', '牛股', '中奖',
    '抽中', '百万保障', '质量问题', '故障取消', '相信我', '我们以后', '平台', 'if this was not you', "if this wasn't you", 'if you did not authorise', 'if you did not make', 'platform', 'trust me', 'our future',
    'refund', 'compensation', 'is limited', 'unusual login', 'unusual activity', 'suspended', 'auto-renew', 'tax rebate', 'overpayment',
    'cancelled', 'approved', 'prize', 'giveaway', 'profit', 'returns', 'stock tips', 'rate products', 'unlock tasks', 'investigation',
    'money laundering', 'fraud on your account', 'your savings', 'entitled to',
    // v7: subsidies, pensions, inheritances, overcharges, a device "infected", an earlier conversation picked up again.
    '补贴', '养老金', '停发', '遗产', '继承人', '多收了', '误开通', '贷款功能', '内部名额', '开放名额', '募捐', '没法带看', '定金', '病毒',
    '我说的那个', '跟你说的那个', '跟您说的那个', '派送失败',
    // v8
    '账户异常', '存在风险', '风险账户', '资金异常', '违规操作', '涉案', '快递异常', '包裹异常', '海关查获', '违禁物品', '信用分', '花呗', '借呗', '白条',
    '低息', '免息贷款', '会员到期', '高回报', '回报率', '翻倍', '内幕', '庄家', '数字货币', '虚拟币', 'usdt', '挖矿', '区块链', '期货', '外汇',
    '粉丝福利', '返现', '刷信誉', '游戏装备', '账号交易', '代练', '多扣', '重复扣款', '保单', '社保异常', '医保异常', '退款专员', '理赔专员', '取消代理',
    '快递理赔', '兼职任务', '高佣金',
    'account issue', 'security alert', 'suspicious activity', 'suspicious transaction', 'unauthorised transaction', 'unauthorized transaction',
    'delivery failed', 'failed delivery', 'redelivery fee', 'customs fee', 'on hold at customs', 'held at customs', 'card has been blocked', 'bitcoin', 'crypto',
    'investment opportunity', 'passive income', 'high returns', 'loan approved', 'pre-approved', 'stimulus', 'rebate', 'you are eligible', 'inheritance',
    'beneficiary', 'jackpot', 'reward points', 'points expire', 'refund pending', 'tax refund',
    'overcharge', 'charged you twice', 'infected', 'hacked', 'next of kin', 'unclaimed', 'judgement', 'unpaid debt', 'you are owed',
    'cost of living payment', 'frozen', 'work account', 'passed our screening', 'as promised', 'like i told you',
    'i told you about', 'fund manager', 'trading group', 'families hit by', 'verifying your account', 'verify your account', 'your pension',
    // v10
    '提现', '出金', '入金', '收益率', '回本', '翻本', '追回', '追损', '被骗', '投资顾问', '分析师', '会员群', 'vip群', '待领取', '赔偿', '补偿金', '赔偿金', '未领取', '案件编号', '协查', '传唤', '拘传', '强制措施', '刑事', '犯罪嫌疑', '放款失败', '卡号错误', '做单', '连单', '卡单', 'mentor', 'analyst', 'signals', 'owe you', 'warrant', 'subpoena', 'summons', 'lawsuit', 'our future together', 'my love', 'visa fee', 'customs clearance',
  ],
  /**
   * v6 — what the scam asks for: move money, share a code or card, install an app or share the screen, add a contact
   * or join a group, follow instructions on the phone. With a `pretext` → fraud REVIEW (rule `pretext-instruction`).
   */
  instruction: [
    '转到', '转入', '转给', '打到', '先转', '垫付', '垫资', '垫一下', '入金', '充一点', '先充', '存入', '先交', '先付', '缴纳', '银行卡号',
    '银行卡信息', '告诉我', '发给我', '发我', '会议软件', '开启共享', '屏幕共享', '共享屏幕', '加一下', '联系专员', '私聊', '私信', '进群', '拉您', '拉你',
    '按提示操作', '按客服指引', '按我说的', '我教您', '我教你', '一步步', '提现的时候', '把钱投', '投到我', '致电', 'call our', 'or call',
    'transfer', 'move your money', 'card number', 'bank details', 'gift card', 'send any amount', 'top up', 'reply with your',
    'join my', 'join our', 'guide you', 'press 1', 'verify your details', 'send it back', 'pay a small', 'must be paid',
    // v7
    '转过来', '扫码', '扫一下', '二维码', '输入金额', '支付密码', '银行卡号和密码', '视频指导', '加下我微信', '先支付', '转出', '我的步骤',
    '要不要试试', '立即拨打',
    // v8
    '点击链接', '点击下方链接', '打开链接', '登录链接', '填写信息', '填写资料', '提交信息', '提供验证码', '验证码发给', '验证码告诉', '把验证码', '报一下验证码',
    '下载软件', '下载安装', '安装软件', '注册账号', '开通账户', '先垫', '添加客服', '客服qq', '联系在线客服', '按照指示', '照我说的做',
    'click the link', 'click here to', 'tap the link', 'follow the link', 'log in here', 'login here', 'enter your details', 'confirm your details',
    'share the code', 'read me the code', 'tell me the code', 'send me the code', 'forward the code', 'buy gift cards', 'pay the fee', 'pay the release',
    'pay the customs', 'deposit now', 'invest now', 'call this number', 'call us now',
    'install', 'scan my qr', 'scan the qr', 'enter your pin', 'reply with', 'card details', 'fund it', 'need to deposit',
    'send the deposit', 'donate now', 'apply today', 'help me with', 'code we sent', 'go to your pc', 'so i can connect', 'pay today',
    'pay now', 'settle now', 'have your bank card', 'show the codes', 'to release them', 'to release the funds', 'in btc', 'in eth', 'in usdt',
    // v10
    '申领', '提取', '办理领取', '做单', '添加导师', '加导师', '联系导师', '联系助理', '下载平台', '注册平台', '填写卡号', '提供卡号', '购买礼品卡', '买礼品卡', 'to claim', 'claim it', 'claim now', 'claim here', 'claim your', 'to receive your', 'to release', 'to unlock', 'to withdraw', 'withdraw your', 'collect your', 'deposit to', 'register on', 'sign up on', 'contact my', 'contact the mentor', 'add my assistant', 'message my assistant', 'fund your account', 'please deposit',
  ],
  /**
   * v6 — what no honest sender asks: a "safe"/"zeroing" account, a fund check, gift cards as payment, secrecy from the
   * bank, staying on the line. With a pretext, an instruction, an authority or a payment → fraud BLOCK (`coerced`).
   */
  coercion: [
    // (safe account, fund check, zeroing account, "verification funds" are lexicon terms of their own: not repeated
    // here, so that retiring a term at runtime, ADR 0035, really stops it matching)
    '对你名下资金', '不能告诉任何人', '不要告诉任何人', '这是机密', '不要挂电话', '不要去银行', '包括网点', "don't tell branch",
    'do not tell branch', "don't discuss this call", 'keep this confidential', 'gift cards', '同学的账号', '朋友的账号', '同事的账号', '朋友的卡', "friend's account", "mate's account",
    // v8
    '不许挂断', '保持通话', '不要挂断', '别挂电话', '单独找个房间', '找个安静的房间', '找一个没人的地方', '不要接其他电话', '不准告诉家人', '不要跟家人说',
    '别跟任何人说', '秘密调查', '保密调查', 'stay on the line', 'do not hang up', "don't hang up", 'go somewhere private', 'tell no one',
    "don't tell your family", 'do not tell your family', 'do not tell the bank', "don't tell the bank", 'itunes card', 'steam card', 'google play card',
    'pay in bitcoin', 'secret investigation',
    // v7: a donation straight to a private account, a "friends" payment link, a PIN to receive money.
    '直达个人账户', '转到个人账户', 'friends link', 'friends and family link', 'enter your pin',
    // v9
    '谁都别告诉', '跟谁都别说', '不要让银行知道', '不要去网点', '别去银行', '银行问起就说', '就说是给朋友', '就说是自己用',
    'if the bank asks', 'tell the bank it is', "tell them it's for", 'do not go to the branch', 'pay with vouchers',
    // v10
    '京东卡卡密', '购物卡卡密', '充值卡卡密', 'pay with gift cards', 'pay using gift cards', 'gift card codes',
  ],
  /** v6 — an honest notice says nothing needs doing, nothing is charged, and where the official channel is. */
  assurance: [
    '无需任何操作', '无需办理任何手续', '不收取任何费用', '不收取', '原路退回', '原路返回', '原支付方式退回', '官方app', '官方平台', '卡片背面',
    '不会在群里收款', 'no fees', 'no action is needed', 'original payment method', 'number on your card', 'in the app settings',
    // v7
    '无需缴纳', '全程免费', 'nothing you need to do', 'you do not need to', 'no fees at any stage',
  ],
  /**
   * v7 — a threat (exposure to family and contacts, arrest, "enforcement"): held alone, and with any demand to pay, move
   * money or act, or a pretext → fraud BLOCK (rule `threat-demand`, the extortion of DOMAIN §3 fraud).
   */
  threat: [
    '通讯录里所有人', '发给你通讯录', '发给你的家人', '录下来了', '强制执行', '否则将被起诉',
    // v8
    '曝光你', '公开你的', '发到网上', '发到你单位', '发给你领导', '发给你同事', '身败名裂', '上门催收', '上门找你', '找你家人', '通知你家人', '联系你家人',
    '不还钱就', '逮捕你', '坐牢', '将被逮捕', '将被拘留',
    'expose you', 'send the video to', 'post the photos', 'your contacts will see', 'everyone you know will see', 'will be arrested', 'officers will come',
    'you will go to jail', 'face prosecution', 'your webcam', 'compromising video', 'intimate video', 'i have your password', 'i hacked your',
    'recorded you', 'in the recording', 'your family sees', 'goes to everyone', 'avoid arrest', 'calls the police', 'warrant for your arrest',
    // v9
    '否则后果', '不然后果', '别怪我不客气', '让你好看', '等着坐牢', '等着收传票', '上征信黑名单', 'you will be sued', 'debt collectors will',
    // v10
    '将被通缉', '列为嫌疑人', '列为犯罪嫌疑人', '依法拘留', '冻结你名下', '冻结您名下', 'you will be detained', 'criminal charges', 'your assets will be frozen', 'your accounts will be frozen', 'you will be deported',
  ],
  /** v8 — a job or an earning opportunity (DOMAIN §3 false-recruitment): decides nothing alone. */
  job: [
    '招聘', '诚聘', '急招', '急聘', '招募', '招工', '招人', '兼职', '全职', '岗位', '职位', '在家做', '在家办公', '宝妈', '学生党', '打字员', '录入员',
    '评论员', '体验官', '试玩员', '副业', '在家工作', '手机工作', '网上工作', '线上工作',
    'hiring', 'job', 'part-time', 'part time', 'work from home', 'remote work', 'vacancy', 'vacancies', 'recruit', 'side hustle', 'data entry',
    'typing', 'app tester', 'product tester', 'online work', 'employment', 'position available', 'positions available',
  ],
  /** v8 — pay that is unrealistic or effortless, or a hiring with no hurdle: with a `job` it is held, with a contact move blocked. */
  easyPay: [
    '日赚', '日入', '日结', '日薪', '一天赚', '每天赚', '每天可赚', '轻松赚', '躺赚', '在家赚钱', '动动手指', '高佣金', '高提成', '每单', '月入', '月赚',
    '时薪', '当天结算', '当日结算', '多劳多得', '上不封顶', '收入可观', '无需经验', '零基础', '无门槛', '不限时间', '时间自由', '零投入', '零成本',
    '无需面试', '不用面试', '免面试', '直接上岗', '高薪',
    'per day', 'a day from', 'daily pay', 'paid daily', 'same day pay', 'per task', 'per like', 'per review', 'per order', 'per video', 'earn up to',
    'easy money', 'quick cash', 'extra income', 'passive income', 'no experience', 'no interview', 'flexible hours', 'work anywhere', 'unlimited earning',
    'commission per', 'weekly pay', 'high pay', 'high salary',
  ],
  /** v8 — a fee before starting work: with a `job` → false-recruitment BLOCK (rule `recruitment-fee`). */
  upfront: [
    '培训费', '服装费', '工服费', '工装费', '入职费', '报名费', '资料费', '押金', '会员费', '激活费', '保证金', '垫付', '充值激活',
    'training fee', 'uniform fee', 'starter kit', 'activation fee', 'registration fee', 'upfront fee', 'refundable deposit', 'pay for training',
    'buy the kit', 'equipment fee', 'onboarding fee',
  ],
  /** v8 — an act of violence in words that are also ordinary (爆炸 in news, "blast", 袭击 in sport): counts only beside a `crowdTarget`. */
  violence: [
    '袭击', '砍人', '捅人', '开枪', '扫射', '炸了', '炸平', '放火烧', '纵火', '撞死', '杀人', '杀光', '屠杀', '报复',
    'attack', 'blow up', 'bomb the', 'shoot up', 'open fire', 'stab them', 'stab people', 'stabbing', 'slaughter', 'massacre', 'kill them',
    'kill everyone', 'explosives',
    // v9
    '炸死', '毒死', '烧死', '捅死', '放炸弹', '投毒', '枪杀',
    'kill people', 'kill as many', 'shooting spree', 'gas them', 'poison them', 'run them over', 'mow them down', 'stab everyone',
  ],
  /** v8 — a crowded place or a group as a target. */
  crowdTarget: [
    '人群', '人多的地方', '学校', '幼儿园', '地铁', '火车站', '广场', '商场', '医院', '教堂', '清真寺', '寺庙', '集会', '游行', '演唱会', '体育场', '政府大楼',
    'crowd', 'school', 'subway', 'station', 'stadium', 'shopping mall', 'the mall', 'concert', 'church', 'mosque', 'synagogue', 'parade', 'festival',
    'the rally', 'embassy',
    // v9
    '机场', '车站', '公交车', '菜市场', '政府', '大楼', '飞机上', '步行街', '超市', '大学', '小学', '中学', '食堂', '电影院', '警察局',
    'airport', 'the market', 'the building', 'parliament', 'the plane', 'the train', 'the bus', 'the university', 'college', 'the cinema',
    'police station', 'town hall', 'city hall', 'the square', 'high street', 'everyone there',
  ],
  /** v8 — a declared intent or a call to act (first person, future, a date): with violence and a target → terror BLOCK. */
  intent: [
    '我们要', '我要', '准备好了', '动手', '行动时间', '到时候', '等着瞧', '一起上', '让他们', '兄弟们',
    'we will', "we're going to", 'get ready', "it's time to", 'brothers', 'let them', 'they will pay', 'join us',
    // v9
    '我会', '你们等着', '走着瞧', '一个不留', 'i will', "i'm going to", 'im going to', 'gonna', 'wait and see', 'next target', 'no one will survive',
  ],
  /** v9 — hurry (DOMAIN §3 fraud: every script presses for time): decides nothing alone (rule `urgent-request`). */
  urgency: [
    '很急', '急用', '着急', '急事', '急需', '十万火急', '救急', '赶紧', '尽快', '马上', '立刻', '立即', '现在就', '今天之内', '今天必须', '今天内',
    '来不及', '等不及', '快点', '速回', '越快越好', '别耽误', '抓紧',
    'asap', 'urgent', 'urgently', 'right now', 'right away', 'immediately', 'hurry', 'quickly', 'straight away', 'as soon as possible', 'quick favour',
    'quick favor', 'within 24 hours', 'within the hour', 'before it is too late', "before it's too late", 'today only', 'time sensitive', 'emergency',
    'no time', 'in a rush', 'last chance', 'final notice', 'final warning',
  ],
  /** v9 — someone the recipient trusts (family, friend, boss, teacher, customer service): decides nothing alone. */
  relation: [
    '妈', '爸', '老公', '老婆', '儿子', '女儿', '孙子', '孙女', '外孙', '侄子', '外甥', '表哥', '表姐', '表弟', '表妹', '堂哥', '兄弟', '姐妹', '闺蜜',
    '哥们', '老铁', '亲爱的', '宝贝', '老板', '领导', '老总', '经理', '主任', '老师', '班主任', '同事', '同学', '朋友',
    'mum', 'mom', 'mummy', 'mam', 'dad', 'daddy', 'grandma', 'grandpa', 'nan', 'gran', 'son', 'daughter', 'grandson', 'granddaughter', 'nephew', 'niece',
    'uncle', 'auntie', 'cousin', 'bro', 'sis', 'mate', 'buddy', 'babe', 'honey', 'darling', 'sweetheart', 'boss', 'manager', 'director', 'ceo',
    'teacher', 'colleague', 'friend',
    // v10
    '宝宝', '老婆大人', '我的爱', '亲爱', '导师', 'my love', 'my dear', 'sweetie', 'mentor',
  ],
  /** v9 — a problem a scam leans on (an accident, a fine, a debt, a parcel, a mistaken transfer) or an opportunity: decides nothing alone. */
  problem: [
    '出车祸', '车祸', '住院', '被抓', '被拘留', '打架', '撞了人', '急诊', '手术费', '医药费', '罚款', '欠款',
    '被盗', '被黑', '转错', '误转', '多转了', '违法', '违规', '审核不通过', '认证失败', '赚钱机会', '带你赚', '保本', '保证收益',
    '必涨', '项目', '分红', '返佣', '中签', '空投',
    'accident', 'hospital', 'arrested', 'in jail', 'bail', 'stuck abroad', 'stranded', 'a fine', 'parking fine', 'penalty',
    'debt', 'sent by mistake', 'by mistake', 'wrong account', 'mistaken transfer', 'illegal', 'locked',
    'opportunity', 'guaranteed', 'dividend', 'commission', 'airdrop', 'double your', 'make money', 'earn money', 'side income', 'in trouble',
    // v10
    '被冻结', '无法提现', '提现失败', '卡号错误', '追回', '被骗', '亏损', '回本', '海关扣', '被扣了', '被海关扣', '清关', 'frozen', 'cannot withdraw', 'unable to withdraw', 'withdrawal failed', 'lost money', 'scammed', 'stuck at customs',
  ],
  /**
   * Dues of the recipient's own service (a bill overdue, a plan expiring, a parcel waiting): what operators, utilities,
   * banks and couriers press for every day, so no lever for `urgent-request` — only beside someone trusted
   * (`relation-problem`). Split from `problem` after plain dunning notices were held.
   */
  dues: ['欠费', '逾期', '到期', '过期', '失效', '包裹', '快递', 'overdue', 'expired', 'expire', 'parcel', 'package', 'delivery'],
  /** v9 — what a scam makes the recipient do, in its ordinary words (pay, buy, log in, read out a code): only with urgency and a lever. */
  ask: [
    '转一笔', '打一笔', '付一下', '交一下', '转一下', '扫这个码', '扫我', '下载', '安装', '登录', '点开', '回拨', '打这个电话', '告诉我验证码', '发下验证码', '验证码多少',
    '收到的验证码', '密码发', '账号密码', '身份证照片', '身份证号', '买点卡', '买卡', '充值卡', '礼品卡', '购物卡', '卡密', '视频会议', '转账', '付款', '缴费', '汇款',
    'pay', 'buy', 'voucher', 'the code', 'your code', 'otp', 'password', 'passcode', 'log in', 'login', 'sign in', 'click', 'download', 'scan the',
    'scan this', 'call back', 'bank details', 'card details',
    // v10
    '领取', '提现', '解冻', '退回', '申领', '充值', 'claim', 'withdraw', 'release', 'unlock', 'collect', 'top up', 'deposit',
  ],
  /** v6 — selling on the quiet: with slang for a drug or a weapon → BLOCK (`covert-sale`); also upgrades held terms. */
  covert: [
    '货正', '懂的来', '同城可送', '老规矩', '私信下单', '走物流', '可验货', '纯度高', '防身必备', '快递到家', '嗨起来', '私聊发你',
    'dm me', 'discreet', 'no questions asked', 'cash only', 'drop-off', 'meet in person', 'pm for price', 'fast delivery',
  ],
  /** v6 — drug slang that is also an ordinary word: counts only beside a `covert` cue. */
  drugSlang: ['叶子', '邮票', '糖果', '蘑菇', '猪肉', '冰糖', 'green', 'snow', 'molly', 'pills', 'powder', 'carts', 'bud', 'gas'],
  /** v6 — weapon slang that is also an ordinary word: counts only beside a `covert` cue. */
  weaponSlang: ['长短', '砍刀', '家伙', '图纸', 'heat', 'piece', 'strap', 'kits', 'full auto'],
} as const;

export type SignalKind = keyof typeof SIGNALS;

/**
 * Opt-out instructions (DOMAIN.md §1): a marketing text without one of these is held for review (rule
 * `missing-opt-out`). They are markers, not findings, so they never appear in a screening's matches.
 */
export const OPT_OUT_MARKERS: readonly string[] = ['退订', '拒收', '回td', '回复td', 'replystop', 'textstop', 'stoptoend', 'unsubscribe', 'optout', 'txtstop', 'smsstop', 'stoptostop'];

/** Domains a URL may point to when SCREENING_URL_ALLOWLIST is not set: any other URL is held (rule `url-not-allowed`). */
export const DEFAULT_URL_ALLOWLIST: readonly string[] = [
  'aliyun.com', 'alipay.com', 'taobao.com', 'tmall.com', 'jd.com', 'qq.com', 'baidu.com', 'meituan.com', 'dianping.com', 'ctrip.com',
  'pinduoduo.com', 'xiaohongshu.com', 'amap.com', 'sf-express.com', '10086.cn', '95588.com', 'icbc.com.cn', 'ccb.com', 'boc.cn',
  'cmbchina.com', 'gov.cn', '12306.cn', 'apple.com', 'google.com', 'microsoft.com',
  // v5: carriers' and public services' own tracking and information domains.
  'dhl.com', 'ups.com', 'fedex.com', 'royalmail.com', 'usps.com', 'amazon.com', 'paypal.com', 'gov.uk', 'nhs.uk', 'cainiao.com', 'ems.com.cn',
];
