/**
 * The second batch of screening-corpus seeds (ADR 0032, lexicon v5): kinds and styles the first batch lacked —
 * premium-rate prize and chat lines, ringtone/subscription traps, payday loans and debt write-offs, redelivery-fee,
 * toll and tax-refund phishing, "account locked" smishing, crypto groups, paid-per-like jobs; Chinese invoice, fake
 * certificate, loan, cash-out, order-brushing, nude-chat, 六合彩, private-server, surrogacy, diploma and phishing
 * wordings with pinyin/homophone evasions; and legitimate OTPs, alerts, fraud-team warnings, deliveries with brand
 * links, school/council/pharmacy/utility and government notices, marketing with "reply STOP"/"txt STOP"/回T退订.
 *
 * Written for this project from general knowledge of how such texts look: none is taken or paraphrased from a public
 * SMS spam/fraud dataset (those are reserved for the independent evaluation). Same syntax as corpus-templates.ts.
 * Group names end in `-2` so row ids never collide with the first batch; the split rule is the same (by template).
 */
import type { LegitGroup, ViolationGroup } from './corpus-templates';

/** Slots only this batch uses (names distinct from corpus-templates.ts's SLOTS). */
export const SLOTS_2: Record<string, string[]> = {
  vx: ['dk8899', 'fp6677', 'xy2024a', 'kk5201', 'lucky168'],
  loan: ['5万', '20万', '50万', '3000元', '8万'],
  shortcode: ['80082', '87121', '69669', '85555', '61610'],
  priceEn: ['£1.50', '£3', '$2.99', '£4.50'],
  premium: ['09061 234 567', '09050 001 808', '0871 872 9758', '09066 350 120'],
  school: ['Hillside Primary', "St Mary's School", 'Oakfield Academy', 'Riverside High'],
  utility: ['City Power', 'Northgas', 'Valley Water', 'Brightline Energy'],
  bankHost: ['brightbank-secure', 'lumen-online', 'harbor-verify', 'nw-creditunion'],
  trackUrlEn: ['https://www.dhl.com/track/', 'https://www.royalmail.com/track-your-item/', 'https://www.ups.com/track/', 'https://www.fedex.com/track/'],
  storeZh: ['银泰百货', '永辉超市', '屈臣氏', '星巴克', '万象城'],
};

export const LEGIT_2: LegitGroup[] = [
  {
    group: 'verification-zh-2',
    variants: 4,
    templates: [
      { kind: 'verification', text: '【{appZh}】{code}为您的动态验证码，请于{min}分钟内填写。如非本人操作，请忽略。' },
      { kind: 'verification', text: '您的验证码为：{code}，该验证码{min}分钟内有效，请勿泄漏于他人！【{appZh}】' },
      { kind: 'verification', text: '【{bankZh}】您正在使用快捷支付，交易验证码{code}，切勿将验证码告知任何人，包括银行工作人员。' },
      { kind: 'verification', text: '【{appZh}】尊敬的用户，您正在申请找回密码，校验码：{code}。打死都不要告诉别人哦！' },
      { kind: 'verification', text: '【{appZh}】验证码{code}，您正在申请注销账号，注销后数据将无法恢复，请谨慎操作。' },
      { kind: 'verification', text: '【{appZh}】您正在使用积分兑换优惠券，验证码{code}，{min}分钟内有效。' },
      { kind: 'verification', text: '【中国移动】您正在办理业务，随机密码{code}，请勿泄露。' },
      { kind: 'verification', text: '【{appZh}】您的账户正在申请贷款额度，验证码{code}，非本人操作请立即致电官方客服。' },
    ],
  },
  {
    group: 'verification-en-2',
    variants: 4,
    templates: [
      { kind: 'international', text: 'Use verification code {code} for {appEn} authentication.' },
      { kind: 'verification', text: "{appEn}: {code} is your one-time passcode to reset your password. If you didn't ask for it, secure your account in the app." },
      { kind: 'verification', text: 'Do not share this code. {appEn} will never call or text you for it. Code: {code}' },
      { kind: 'verification', text: '{bankEn}: online banking code {code} to add a new payee. If someone asked you to move money to a safe account, it is a scam. Call us.' },
      { kind: 'international', text: 'Your {appEn} account recovery code is {code}. This code expires in {min} minutes.' },
      { kind: 'international', text: "Your WhatsApp code: {code}. Don't share this code with others." },
      { kind: 'verification', text: '{appEn}: enter {code} to confirm your new phone number. Questions? Visit the help centre in the app.' },
      { kind: 'verification', text: '{code} - {appEn} 2-step verification. Valid for {min} min.' },
    ],
  },
  {
    group: 'bank-zh-2',
    variants: 4,
    templates: [
      { kind: 'notification', text: '【{bankZh}】您账户{last4}于{date}{time}快捷支付扣款{amount}元（{appZh}），余额{amount}元。' },
      { kind: 'notification', text: '【{bankZh}】您尾号{last4}的信用卡{date}消费{amount}元，商户：{storeZh}。如非本人交易请致电卡背面客服电话。' },
      { kind: 'notification', text: '【{bankZh}】尊敬的客户，您的信用卡额度已临时提升，有效期至{date}，可在手机银行查看。本行不会以提额为由收取任何费用。' },
      { kind: 'notification', text: '【{bankZh}】您尾号{last4}账户疑似存在异常交易，已暂停非柜面业务，请本人携带身份证至网点核实。本行不会发送链接要求您输入密码。' },
      { kind: 'notification', text: '【{bankZh}】您的定期存款{amount}元于{date}到期，已按约定自动转存。' },
      { kind: 'notification', text: '【{bankZh}】您的贷款{date}应还{amount}元，请确保尾号{last4}账户余额充足。' },
      { kind: 'notification', text: '【{bankZh}】风险提示：不法分子冒充客服以“注销校园贷”“影响征信”为由诱导转账，本行从未开展此类业务。' },
      { kind: 'notification', text: '【{bankZh}】您的账户收到一笔跨行汇款{amount}元，汇款人{name}，附言：货款。' },
    ],
  },
  {
    group: 'bank-en-2',
    variants: 4,
    templates: [
      { kind: 'notification', text: '{bankEn}: did you make a purchase of {amountEn} at {appEn} on {dateEn}? Reply Y if it was you or N if not. We will never ask for your PIN.' },
      { kind: 'notification', text: '{bankEn}: your balance is below {amountEn}. Top up to avoid an overdraft fee.' },
      { kind: 'notification', text: '{bankEn} Fraud Team: we have blocked a suspicious payment on card ending {last4}. Please call the number on the back of your card. Do not reply with personal details.' },
      { kind: 'notification', text: '{bankEn}: a new payee was added to your account on {dateEn}. If this was not you, call us on the number on our website.' },
      { kind: 'notification', text: '{bankEn}: your direct debit of {amountEn} to {appEn} will be taken on {dateEn}.' },
      { kind: 'notification', text: '{bankEn}: your mortgage payment of {amountEn} has been received. Thank you.' },
      { kind: 'notification', text: '{bankEn}: scammers may pretend to be us, the police or the tax office. We will never ask you to transfer money, share a code or install an app.' },
    ],
  },
  {
    group: 'delivery-zh-2',
    variants: 4,
    templates: [
      { kind: 'notification', text: '【{courierZh}】您的快递已放入{station}，凭取件码{pickup}领取，超时将收取保管费。' },
      { kind: 'notification', text: '【{appZh}】您的订单{tracking}已由{courierZh}揽收，查看物流：https://{domain}/t/{token}' },
      { kind: 'notification', text: '【{courierZh}】尊敬的客户，快件{tracking}派送未成功，快递员将于明日再次派送，如需改约请致电{phone}。' },
      { kind: 'notification', text: '【{appZh}】您的退货申请已通过，请在{date}前将商品寄回，运费险将自动理赔至您的账户。' },
      { kind: 'notification', text: '【{courierZh}】您有一个到付件{tracking}，需支付运费{amount}元，请在签收时支付给快递员。' },
      { kind: 'notification', text: '【菜鸟】您的包裹已到{station}，取件码{pickup}，营业时间08:00-21:00。' },
    ],
  },
  {
    group: 'delivery-en-2',
    variants: 4,
    templates: [
      { kind: 'international', text: '{courierEn}: your parcel {tracking} will be delivered today. Track it at {trackUrlEn}{tracking}' },
      { kind: 'international', text: '{courierEn}: your parcel was left in your safe place (porch) at {time}. See the photo in the app.' },
      { kind: 'notification', text: '{appEn}: your order #{code} has been dispatched and will arrive on {dateEn}.' },
      { kind: 'international', text: '{courierEn}: import charges of {amountEn} apply to parcel {tracking}. Pay only in our official app or at the counter; we never send payment links by text.' },
      { kind: 'international', text: '{courierEn}: your driver {nameEn} is 3 stops away.' },
      { kind: 'notification', text: '{appEn}: we have received your return and a refund of {amountEn} is on its way.' },
    ],
  },
  {
    group: 'public-zh-2',
    variants: 4,
    templates: [
      { kind: 'notification', text: '【{city}人社】您的社保卡已制卡完成，请携带身份证到{city}社保服务网点领取。' },
      { kind: 'notification', text: '【{city}公积金】您的公积金提取申请已办结，{amount}元已转入尾号{last4}银行卡。' },
      { kind: 'notification', text: '【{hospital}】您已挂号成功：{date}{dept}，就诊序号12号，请提前30分钟到院签到。' },
      { kind: 'notification', text: '【{city}医保】医保个人账户年度结转已完成，余额{amount}元。医保部门不会电话通知医保卡冻结，请勿轻信。' },
      { kind: 'notification', text: '【{city}教育局】{date}起中小学秋季开学，请家长留意学校通知。' },
      { kind: 'notification', text: '【{city}供水】因管网维修，{date}{time}至18:00部分区域停水，请提前储水。' },
      { kind: 'notification', text: '【{city}税务】您的个人所得税综合所得汇算结果为应补税{amount}元，请于6月30日前通过个人所得税APP缴纳。' },
      { kind: 'notification', text: '【{city}市场监管】您反映的投诉已受理，编号{code}，处理结果将短信告知。' },
    ],
  },
  {
    group: 'public-en-2',
    variants: 4,
    templates: [
      { kind: 'international', text: '{school}: school closes at 1pm on {dateEn} for staff training. Please arrange collection.' },
      { kind: 'international', text: '{school}: reminder, the trip payment of {amountEn} is due by {dateEn} via the parent app.' },
      { kind: 'international', text: '{utility}: a planned power cut will affect your street on {dateEn} from 9am to 3pm.' },
      { kind: 'international', text: '{utility}: your meter reading is due. Submit it in your online account by {dateEn}.' },
      { kind: 'notification', text: '{clinicEn} Pharmacy: your repeat prescription is ready to collect. Please bring proof of ID.' },
      { kind: 'international', text: 'Council: your parking permit expires on {dateEn}. Renew on the council website or call 0300 123 4567.' },
      { kind: 'international', text: '{clinicEn}: you are invited to book your free health check. Call the surgery to book.' },
      { kind: 'international', text: '{school}: {nameEn} was marked absent today. Please call the school office if this is unexpected.' },
    ],
  },
  {
    group: 'operator-zh-2',
    variants: 4,
    templates: [
      { kind: 'notification', text: '【中国电信】尊敬的客户，截至{date}，您的账户余额{amount}元，本月已用流量12.5GB。' },
      { kind: 'notification', text: '【中国联通】您已成功充值{amount}元，感谢使用。' },
      { kind: 'notification', text: '【中国移动】您的积分将于年底清零，可登录中国移动APP兑换话费或流量。' },
      { kind: 'notification', text: '【中国移动】您申请的携号转网授权码为{code}，有效期48小时。' },
      { kind: 'notification', text: '【中国电信】温馨提示：近期有不法分子冒充运营商以积分兑换现金为由发送钓鱼链接，请通过官方APP办理业务。' },
    ],
  },
  {
    group: 'marketing-zh-2',
    variants: 4,
    templates: [
      { kind: 'marketing', text: '【{appZh}】年货节爆款直降，{product}到手价再减{pct}元，戳 https://{domain}/a/{token} {optOutZh}' },
      { kind: 'marketing', text: '【{storeZh}】会员日全场8.8折，积分可抵现，详询门店。{optOutZh}' },
      { kind: 'marketing', text: '【{appZh}】您的购物车商品降价啦，{product}限时{pct}折，库存紧张。{optOutZh}' },
      { kind: 'marketing', text: '【{bankZh}】办理账单分期享手续费{pct}折优惠，详询手机银行。{optOutZh}' },
      { kind: 'marketing', text: '【{appZh}】新人专享：首单立减{pct}元，再送试用小样一份。{optOutZh}' },
      { kind: 'marketing', text: '【{appZh}】抽奖活动开启，人人有奖，最高赢取{product}，打开APP参与。{optOutZh}' },
      { kind: 'marketing', text: '【中国联通】5G升级包首月免费，次月起{pct}元/月，回复KT办理。{optOutZh}' },
    ],
  },
  {
    group: 'marketing-en-2',
    variants: 4,
    templates: [
      { kind: 'marketing', text: '{appEn}: flash sale! Up to {pct}% off {productEn} until midnight. Txt STOP to {shortcode} to opt out.' },
      { kind: 'marketing', text: 'Olive & Fig: 2-for-1 mains every Tuesday this month. Book in the app. Reply STOP to end.' },
      { kind: 'marketing', text: "{appEn} Rewards: you've earned a free coffee! Show this text in store. Opt out: reply STOP" },
      { kind: 'marketing', text: "{bankEn}: you may be eligible for a personal loan at 6.9% APR representative. Checking won't affect your credit score. Reply STOP to opt out." },
      { kind: 'marketing', text: '{appEn}: Black Friday starts now, free delivery on everything. Text STOP to {shortcode} to unsubscribe.' },
      { kind: 'marketing', text: 'Fitloop Gym: join before {dateEn} and pay no joining fee. Reply STOP to opt out.' },
      { kind: 'marketing', text: '{appEn}: enter our prize draw to win a year of free {productEn}. No purchase necessary. Reply STOP to opt out.' },
    ],
  },
];

export const VIOLATIONS_2: ViolationGroup[] = [
  {
    category: 'fraud',
    variants: 4,
    templates: [
      { kind: 'international', text: '{bankEn}: your account has been [[locked|l0cked]] due to suspicious activity. Restore access at http://{bankHost}-{token}.com/verify' },
      { kind: 'international', text: '{courierEn}: your parcel could not be delivered. A [[redelivery fee|redelivery f3e]] of {amountEn} is due: http://{token}-redeliver.info' },
      { kind: 'international', text: 'You have an unpaid [[toll charge|t0ll charge]] of {amountEn}. Pay by {dateEn} to avoid a penalty: http://toll-{token}.top' },
      { kind: 'international', text: 'GOV: you are eligible for a [[tax refund|tax ref und]] of {amountEn}. Submit your bank details at http://gov-refund-{token}.com' },
      { kind: 'international', text: 'Join our [[crypto signals|crypt0 signals]] group, members made 300% last month. WhatsApp {phone} to join, minimum {amountEn}.', note: 'investment group' },
      { kind: 'international', text: 'Need cash fast? [[Guaranteed loan|guaranteed l0an]] up to {amountEn}, bad credit OK, no checks. Pay a small admin fee and get the money today: {token}-loans.co' },
      { kind: 'international', text: 'Netflix: your payment was declined and your membership is [[suspended|susp3nded]]. Update your details at http://nflx-{token}.com' },
      { kind: 'international', text: "Hi dad, I've broken my phone, this is my temporary number. Can you text me on WhatsApp? I need a favour, it's urgent.", note: 'conversation' },
      { kind: 'international', text: '{appEn} Security: new sign-in from an unknown device. If this was not you, [[confirm your identity|c0nfirm your identity]] at http://{token}-secure.net' },
      { kind: 'international', text: 'Energy bill [[refund|ref und]]: you overpaid {amountEn}. Claim before {dateEn}: http://energy-{token}.info' },
      { kind: 'international', text: 'AI trading bot pays 5% daily. Deposit {amountEn} in USDT and withdraw anytime. Message our account manager on Telegram.', note: 'investment' },
      { kind: 'international', text: 'Lost money to an online [[scam|sc4m]]? Our recovery agents get it back in 48 hours. Pay the {amountEn} case fee to start.' },
      { kind: 'international', text: 'Hello, is this {nameEn}? Sorry, wrong number. You seem nice though, what do you do? I trade gold and made a lot this year.', note: 'conversation, pig butchering' },
      { kind: 'notification', text: '【ETC服务】您的[[ETC|E T C]]卡已过期，为避免影响通行，请点击 http://etc-{token}.cn 进行认证。' },
      { kind: 'notification', text: '【{appZh}】您的账户[[积分|ji分]]即将过期，可兑换现金{amount}元，速点 http://jf-{token}.cc 领取。' },
      { kind: 'notification', text: '【医保中心】您的[[医保卡|医bao卡]]因异常已被停用，请于今日内登录 http://yb-{token}.top 核实身份，逾期将注销。' },
      { kind: 'notification', text: '【{courierZh}】您的快递在运输途中[[遗失|yi失]]，我司将给予三倍[[理赔|li赔]]，请添加客服微信{vx}办理。' },
      { kind: 'notification', text: '[[无抵押|无di押]][[贷款|dai款]]，凭身份证秒批，最高{loan}，当天放款，[[加微信|加薇信|加威信]]：{vx}' },
      { kind: 'notification', text: '[[信用卡套现|信用卡tao现|xyk套现]]，费率低至0.5%，秒到账，各类信用卡均可，联系{phone}。' },
      { kind: 'notification', text: '【{appZh}】您的信用额度可[[提现|ti现]]，{loan}秒到账，添加专员微信{vx}办理。' },
      { kind: 'notification', text: '我是{appZh}客服，您开通的会员服务[[每月自动扣费|每月zi动扣费]]，不取消会扣{fee}元，请按我说的在支付宝里操作取消。', note: 'conversation' },
      { kind: 'notification', text: '各位家长好，我是班主任，班级群换了，请[[扫码进新群|扫马进新群]]，今天要交资料费{amount}元。', note: 'conversation' },
      { kind: 'notification', text: '【{city}公安】您有一条涉案通知，请登录 http://{token}-gajw.cn 查看案件详情并[[配合调查|配合diao查]]。' },
      { kind: 'notification', text: '亲，[[刷单|刷dan|shua单]]垫付秒返，佣金{pct}%，做一单结一单，[[扣扣|抠抠|QQ]]：{qq}' },
      { kind: 'notification', text: '【{bankZh}】您的[[手机银行|手机yin行]]即将失效，请及时登录 http://{token}-95599.com 进行身份升级。' },
      { kind: 'notification', text: '您好，您的个人征信有逾期记录，需要[[修复征信|xiu复征信]]请联系专员{phone}，可以全部消除。' },
      { kind: 'notification', text: '【{appZh}】恭喜，您已获得{loan}[[备用金|bei用金]]额度，回复Y领取，或点击 http://{token}.dk.cn 查看。' },
      { kind: 'notification', text: '[[网赌|wang赌]]输了钱？专业团队帮你追回损失，不成功不收费，先付{fee}元服务费。' },
    ],
  },
  {
    category: 'gambling',
    variants: 4,
    templates: [
      { kind: 'notification', text: '今晚[[六合彩|6合彩|六he彩]]特码内部资料，一码中特，准确率高，加微{vx}。' },
      { kind: 'notification', text: '新开[[棋牌|qi牌]]平台，上下分秒到，百家乐、龙虎斗、牛牛，充{fee}送{pct}%。' },
      { kind: 'marketing', text: '[[体育投注|体育tou注]]，欧洲杯全场滚球，提款秒到，注册网址 {token}.bet' },
      { kind: 'international', text: 'Free £20 [[bet|b3t]] at {token}-bet.com, no deposit needed! 100 free spins on slots. 18+ T&Cs apply.' },
      { kind: 'international', text: 'Your [[free spins|fr33 spins]] are waiting! Claim 50 spins and a 100% deposit match at {token}casino.io' },
      { kind: 'international', text: "Hey it's Dave, I've got a [[sure bet|sure b3t]] for tonight's game, odds 8/1. Send me {amountEn} and I'll place it for you.", note: 'conversation' },
      { kind: 'notification', text: '时时彩[[计划群|ji划群]]，专业导师带你稳赚，每天收益{pct}%。' },
    ],
  },
  {
    category: 'pornography',
    variants: 4,
    templates: [
      { kind: 'notification', text: '[[同城约|同城yue]]，妹子照片真实，见面付款，[[加威信|加薇信|加v]]{vx}。' },
      { kind: 'notification', text: '今晚[[美女主播|美女zhu播]]一对一[[私密表演|si密表演]]，下载APP注册送{pct}钻。' },
      { kind: 'notification', text: '想看[[福利视频|fu利视频]]吗？最新资源打包，{fee}元终身会员，网址{token}.cc' },
      { kind: 'international', text: 'Sexy local girls are waiting to [[chat|ch4t]] now! Text HORNY to {shortcode}. {priceEn}/msg, 18+ only.' },
      { kind: 'international', text: "Want [[nudes|nud3s]]? I'm bored tonight, add me on Snapchat: {token}xo" },
      { kind: 'notification', text: '上门[[按摩|an摩]]，[[特殊服务|te殊服务]]，年轻漂亮，全城空降，{phone}。' },
    ],
  },
  {
    category: 'drugs',
    variants: 4,
    templates: [
      { kind: 'notification', text: '[[大麻|da麻|dama]]烟油、小熊软糖，[[飞行员|fei行员]]专享，隐秘发货，{vx}。' },
      { kind: 'notification', text: '出[[神仙水|shen仙水]]、[[奶茶|nai茶]]，夜场嗨品，同城闪送。', note: 'slang' },
      { kind: 'international', text: '[[Xanax|x4nax]] and oxy with no prescription, overnight delivery, bitcoin accepted. DM {token}' },
      { kind: 'international', text: 'Plug here, [[fresh bud|fr3sh bud]], carts and shrooms, same-day drop in your area. Text {phone}' },
      { kind: 'notification', text: '代购[[处方药|chu方药]]：曲马多、安眠药，无需处方，量大优惠。' },
    ],
  },
  {
    category: 'weapons',
    variants: 4,
    templates: [
      { kind: 'notification', text: '出售[[弓弩|gong弩]]、钢珠，射程百米，可[[打猎|da猎]]，快递发货。' },
      { kind: 'notification', text: '高压[[气狗|qi狗]]配件，[[整枪|zheng枪]]可发，{vx}。' },
      { kind: 'international', text: '[[Ghost gun|gh0st gun]] kits, 80% lowers, no serial, no background check. Ships discreetly.' },
      { kind: 'international', text: 'Need protection? [[Tasers|t4sers]], knuckle dusters and switchblades, no ID required, order by text.' },
      { kind: 'notification', text: '定做[[管制刀具|guan制刀具]]，蝴蝶刀、三棱刺，全国包邮。' },
    ],
  },
  {
    category: 'counterfeit',
    variants: 4,
    templates: [
      { kind: 'notification', text: '本公司有[[增值税专用发票|增值税专用fa票|增值税zhuan票]]可开，各行业均可，{phone}。' },
      { kind: 'notification', text: '[[办证|ban证|辦證]]：身份证、驾驶证、学历证，[[加微信|加薇信|加v]]{vx}，可查可验。' },
      { kind: 'notification', text: '[[学历|xue历]]提升，不用考试，[[包拿证|bao拿证]]，网上可查，{fee}元全包。' },
      { kind: 'notification', text: '新开[[传奇私服|传奇si服|传qi私服]]，一刀999，装备全靠打，网址{token}.com' },
      { kind: 'international', text: '[[Fake ID|f4ke ID]] cards, scannable, any state, holograms included. Order at {token}ids.net' },
      { kind: 'international', text: 'Designer bags and watches, [[1:1 replicas|1:1 rep1icas]] at 90% off. WhatsApp {phone}' },
      { kind: 'notification', text: '全套[[毕业证|bi业证]]、学位证制作，与真证一致。' },
    ],
  },
  {
    category: 'smuggling',
    variants: 4,
    templates: [
      { kind: 'notification', text: '[[水货|shui货]]烟酒批发，[[免税香烟|免税xiang烟]]，一件代发。' },
      { kind: 'notification', text: '越南[[走私|zou私]]冻品，价格低，不用检疫，整柜出。' },
      { kind: 'international', text: 'Duty-free [[cigarettes|cigarett3s]] by the carton, no tax stamps, shipped from abroad in unmarked boxes.' },
      { kind: 'notification', text: '境外[[代购|dai购]]手机，[[不报关|bu报关]]直邮，比国行便宜三成。' },
    ],
  },
  {
    category: 'false-lottery',
    variants: 4,
    templates: [
      { kind: 'international', text: '[[You have won|Y0u have won]] a {amountEn} shopping voucher! Call {premium} now to claim. Calls cost £1.50/min.' },
      { kind: 'international', text: 'URGENT! Your mobile number has been [[selected|s3lected]] to receive a £2000 prize. To claim call {premium} before {dateEn}.' },
      { kind: 'international', text: '[[FREE entry|FR33 entry]] into our weekly draw to win a new car! Txt WIN to {shortcode}. {priceEn}/msg, 18+.' },
      { kind: 'international', text: 'Congrats {nameEn}, you are our 1,000,000th visitor! [[Claim your reward|cla1m your reward]] at http://{token}-gift.top' },
      { kind: 'notification', text: '【{appZh}】尊敬的用户，您在年终[[回馈活动|hui馈活动]]中获得{product}一台，登录 {token}.cn 填写地址，需付{amount}元保价费。' },
      { kind: 'notification', text: '恭喜您被评为[[幸运客户|xing运客户]]，可领取现金红包{fee}元，[[点击领取|dian击领取]] http://{token}.hb.cn' },
      { kind: 'notification', text: '您的手机号在{appZh}周年庆活动中[[中奖|zhong奖]]，奖品为{product}，请拨打{phone}确认，需先缴纳个人所得税。' },
    ],
  },
  {
    category: 'false-matchmaking',
    variants: 4,
    templates: [
      { kind: 'international', text: 'Single and lonely? Meet [[mature ladies|m4ture ladies]] in your town. Txt DATE to {shortcode}. {priceEn} per msg.' },
      { kind: 'international', text: "Hi, I'm Anna, we matched on the dating site. I can't use the app here, [[message me on|msg me on]] Telegram, I'm a nurse working abroad.", note: 'conversation' },
      { kind: 'notification', text: '{city}优质单身女士[[真诚交友|zhen诚交友]]，需先交{fee}元会员费方可获取联系方式。' },
      { kind: 'notification', text: '我是{city}的小美，离异无孩，想找个[[靠谱的人|kao谱的人]]过日子，你加我微信{vx}吧，我家里有些投资可以带你一起做。', note: 'conversation' },
    ],
  },
  {
    category: 'false-recruitment',
    variants: 4,
    templates: [
      { kind: 'international', text: 'Hiring part-time: [[get paid to like|get pa1d to like]] videos and write reviews, $50 to $300 per day. Contact our HR on WhatsApp {phone}.' },
      { kind: 'international', text: 'Hello, we are the [[Amazon recruitment|Amaz0n recruitment]] team. Flexible remote job, 30-60 minutes a day, daily salary. Reply YES for details.' },
      { kind: 'notification', text: '【招聘】{appZh}[[好评员|hao评员]]，在家动动手指，每单{pct}元，日结，加QQ{qq}。' },
      { kind: 'notification', text: '高薪招聘[[夜场|ye场]]服务员，日薪{fee}，包吃住，女性优先，不看学历。' },
      { kind: 'notification', text: '招[[手机兼职|手机jian职]]，宝妈学生均可，[[一单一结|yi单一结]]，无需押金，扣扣{qq}。' },
      { kind: 'international', text: 'Mystery shopper needed! Earn {amountEn} per assignment. We send you a cheque, you keep your fee and [[wire the rest|w1re the rest]].' },
    ],
  },
  {
    category: 'sp-trick',
    variants: 4,
    templates: [
      { kind: 'international', text: 'Get the hottest [[ringtones|r1ngtones]]! Txt TONE to {shortcode}. Subscription {priceEn}/week until you send STOP.' },
      { kind: 'international', text: 'Your [[free trial|fr33 trial]] of Mobile Games Club has started. You will be charged {priceEn} per week unless you text STOP to {shortcode}.' },
      { kind: 'notification', text: '[[回复8|回复ba]]立即开通[[彩铃包月|彩铃bao月]]，每月仅需5元，首月免费。' },
      { kind: 'notification', text: '您的手机已获赠视频会员，[[回复Y|回复y]]领取，次月起按{pct}元/月自动扣费。' },
      { kind: 'international', text: 'Reply [[GAME|G4ME]] to download 3 free games now. Then {priceEn}/wk, 16+ only.' },
    ],
  },
  {
    category: 'unsolicited-ad',
    variants: 4,
    templates: [
      { kind: 'international', text: 'New [[government scheme|gov3rnment scheme]] can write off up to 80% of your debts. Reply YES to see if you qualify.' },
      { kind: 'international', text: "Been in an accident that wasn't your fault? You may be entitled to {amountEn} [[compensation|c0mpensation]]. Reply CLAIM for a free call." },
      { kind: 'notification', text: '{city}[[学区房|xue区房]]急售，低于市场价，总价{loan}起，看房电话{phone}。' },
      { kind: 'notification', text: '[[海外身份|hai外身份]]规划，希腊、葡萄牙黄金居留，{pct}万欧元起，一站式办理。' },
    ],
  },
  {
    category: 'crime-method',
    variants: 4,
    templates: [
      { kind: 'notification', text: '专业[[代孕|dai孕]]，包生男孩，试管助孕一条龙，{phone}。' },
      { kind: 'notification', text: '出售[[四件套|si件套]]（身份证、银行卡、U盾、手机卡），{vx}。' },
      { kind: 'notification', text: '[[查人|cha人]]找人，[[手机定位|手机ding位]]，微信聊天记录恢复，{qq}。' },
      { kind: 'international', text: 'Buy [[fullz|fu11z]] and bank logs, fresh CVV, high balance. Telegram @{token}' },
      { kind: 'international', text: '[[SIM swap|S1M swap]] service, take over any number in 10 minutes. Paid in crypto.' },
      { kind: 'notification', text: '[[收购|shou购]]对公账户、微信支付宝实名号，高价回收，{vx}。' },
    ],
  },
  {
    category: 'rumour',
    variants: 4,
    templates: [
      { kind: 'notification', text: '【紧急通知】{city}明天起[[全面封控|全面feng控]]，超市要关门，大家赶紧囤货，[[速转|su转]]。' },
      { kind: 'international', text: 'BREAKING: [[5G towers|5G t0wers]] are spreading the virus in our area, forward this to everyone you love.' },
      { kind: 'notification', text: '注意！最新研究发现吃这种水果会[[致癌|zhi癌]]，已经有人住院了，赶紧告诉家里老人！' },
    ],
  },
  {
    category: 'cult',
    variants: 4,
    templates: [
      { kind: 'notification', text: '[[神功|shen功]]护体，百病不侵，每天练习不用吃药，{city}聚会点详询。' },
      { kind: 'international', text: '[[Miracle healing|m1racle healing]] prayer cloth cures cancer without doctors. Send a seed offering of {amountEn}.' },
    ],
  },
  {
    category: 'terror',
    variants: 4,
    templates: [
      { kind: 'international', text: '[[Pipe bomb|p1pe bomb]] instructions attached, we strike the stadium on {dateEn}.' },
      { kind: 'notification', text: '谁再欺负我，明天我就[[带刀去学校|dai刀去学校]]，[[见一个砍一个|见yi个砍一个]]。' },
    ],
  },
  {
    category: 'political',
    variants: 4,
    templates: [
      { kind: 'notification', text: '起来[[反抗暴政|fan抗暴政]]，周日{city}人民广场集会，[[打倒独裁|da倒独裁]]！' },
      { kind: 'international', text: 'Boycott the [[rigged election|r1gged election]], take to the streets and shut the city down.' },
    ],
  },
  {
    category: 'ethnic-hatred',
    variants: 4,
    templates: [
      { kind: 'notification', text: '这些外地人都该[[滚出|gun出]]我们城市，他们[[不配做人|bu配做人]]。' },
      { kind: 'international', text: '[[Send them back|s3nd them back]], these immigrants are animals and should be purged.' },
    ],
  },
  {
    category: 'defamation',
    variants: 4,
    templates: [
      { kind: 'notification', text: '扒一扒{city}某{product}店老板{name}，[[卖假货|卖jia货]]还[[骗钱|pian钱]]，大家千万别去，多转发！' },
      { kind: 'international', text: 'Warning: {nameEn} the landlord is a [[con artist|c0n artist]] who steals deposits. Share this so nobody rents from him.' },
    ],
  },
  {
    category: 'missing-opt-out',
    variants: 4,
    templates: [
      { kind: 'marketing', text: '【{appZh}】年货节爆款直降，{product}到手价再减{pct}元，戳 https://{domain}/a/{token}' },
      { kind: 'marketing', text: '【{bankZh}】办理账单分期享手续费{pct}折优惠，详询手机银行。' },
      { kind: 'marketing', text: '{appEn}: flash sale! Up to {pct}% off {productEn} until midnight.' },
      { kind: 'marketing', text: "{appEn} Rewards: you've earned a free coffee! Show this text in store." },
      { kind: 'marketing', text: '【{storeZh}】会员日全场8.8折，积分可抵现，详询门店。' },
    ],
  },
];
