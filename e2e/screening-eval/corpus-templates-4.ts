/**
 * The fourth batch of screening-corpus seeds (ADR 0032 addendum 3, lexicon v6): fraud written in many STRUCTURES rather
 * than many keywords — a pretext (a refund, a compensation, an account problem, a credit limit, a "case", a prize, a
 * task, a relative on a new number, an investment mentor, a sweetheart) followed by an instruction (move money, share
 * a code, install an app, add a contact, join a group, keep it secret) — each beside LEGIT TWINS that use the same
 * pretext honestly (anti-fraud warnings, real refund and loan notices, customs notices, a child's genuine new number).
 * Weapons, drugs and crime-method texts in slang and euphemisms.
 *
 * Written for this project from our own knowledge of how these scams run: none is taken or paraphrased from a public
 * SMS spam/fraud dataset (those are reserved for the independent evaluation). Same syntax as corpus-templates.ts.
 * Group names end in `-4` so row ids never collide with the other batches; the split rule is the same (by template).
 */
import type { LegitGroup, Template, ViolationGroup } from './corpus-templates';

/** Slots only this batch uses (names distinct from SLOTS, SLOTS_2 and SLOTS_3). */
export const SLOTS_4: Record<string, string[]> = {
  relZh: ['妈', '爸', '舅舅', '姑姑', '老婆', '哥'],
  relEn: ['Mum', 'Mom', 'Dad', 'Auntie'],
  limit4: ['5万', '8万', '10万', '20万'],
  coin: ['USDT', 'BTC', 'ETH'],
  flightZh: ['CA1831', 'MU5137', 'CZ3102', 'HU7605'],
  flightEn: ['SK 402', 'BA 118', 'LH 903', 'QF 12'],
  gift: ['Apple gift cards', 'Steam cards', 'Google Play cards'],
};

const zh = (text: string, note?: string): Template => ({ kind: 'notification', text, ...(note ? { note } : {}) });
const en = (text: string, note?: string): Template => ({ kind: 'international', text, ...(note ? { note } : {}) });

export const LEGIT_4: LegitGroup[] = [
  {
    group: 'fraud-twins-zh-4',
    variants: 3,
    templates: [
      zh('【{bankZh}】反诈提醒：银行工作人员不会要求您把资金转到所谓“安全账户”，凡是要求您转账核查的都是诈骗。'),
      zh('【{city}公安】公检法机关不会通过电话办案，更不会要求您进行“资金核查”，接到此类电话请立即挂断并拨打110。'),
      zh('【{appZh}】您申请的退款{amount}元已原路退回至您的支付账户，预计1-3个工作日到账，无需任何操作。'),
      zh('【{appZh}】售后提醒：平台客服不会以任何理由要求您下载会议软件、共享屏幕或提供验证码，请勿轻信。'),
      zh('【{bankZh}】您申请的个人消费贷款{limit4}元已审批通过并发放至尾号{last4}的账户，本行放款前不收取任何费用。'),
      zh('【{courierZh}】您的国际包裹{tracking}已到达海关，如需缴纳进口税款，请在官方App内支付，我司不会通过个人账户收款。'),
      zh('【{courierZh}】很抱歉您的快件{tracking}在运输中破损，理赔款{amount}元将按原支付方式退回，理赔不收取任何费用。'),
      zh('【{bankZh}】您的手机银行于{time}在新设备登录，如非本人操作，请拨打卡片背面的客服热线或到网点办理。'),
      zh('【{appZh}】您的会员将于{date}自动续费，如不需要可在App“我的-设置-自动续费”中关闭。'),
      zh('【{appZh}】您预订的{flightZh}航班因天气原因取消，可在航空公司官方App免费办理退改签，退款原路返回。'),
      zh('【{city}医保】您的医保个人账户本年度划入已完成，可通过国家医保服务平台查询明细。'),
      zh('【{bankZh}】您的信用卡额度已调整为{limit4}元，即日生效，无需办理任何手续。'),
      zh('{relZh}，我换新手机号了，这个是新的，旧号下个月停了，你存一下哈', 'conversation'),
      zh('各位家长好，本学期资料费请通过学校官方缴费平台缴纳，班主任不会在群里收款，请家长注意甄别。'),
      zh('老板，合同已经发到您邮箱了，付款还是走公司财务的审批流程对吧？'),
      zh('【{bankZh}】您尾号{last4}的账户向本人他行账户转账{amount}元成功，如有疑问请致电本行客服。'),
      zh('【{city}税务】您的个人所得税年度汇算退税{amount}元已退至您填报的银行卡，请注意查收。'),
      zh('【{appZh}】您的账号因多次输错密码已暂时锁定，30分钟后自动解除，如需帮助请在App内联系客服。'),
    ],
  },
  {
    group: 'fraud-twins-en-4',
    variants: 3,
    templates: [
      en('{bankEn}: we will never ask you to move money to a safe account. If anyone does, hang up and call the number on your card.'),
      en('Hi {relEn}, new number, it is me. Save this one, the old phone is going back to the shop. See you Sunday x', 'conversation'),
      en('{bankEn}: your loan of {amountEn} has been approved and paid into your account ending {last4}. There are no fees to pay.'),
      en('Revenue Office: your tax refund of {amountEn} has been paid into your nominated account. We never ask for bank details by text.'),
      en('{courierEn}: your parcel {tracking} is held at customs. Any import duty is shown in your {courierEn} account; we never ask for payment by text.'),
      en('Skyline Air: flight {flightEn} on {dateEn} is cancelled. A full refund to your original payment method has been issued.'),
      en('{appEn}: your subscription renews on {dateEn} for {amountEn}. Manage or cancel it any time in the app settings.'),
      en('{appEn}: new sign-in to your account from Chrome on Windows. If this was you, no action is needed.'),
      en('Police advice: beware of callers claiming to be officers who ask you to withdraw cash or buy gift cards. We will never do this.'),
      en('CityRide: your toll account auto top-up of {amountEn} was successful. Thanks for travelling with us.'),
      en('Hi Dad, landed safely, phone is on 5% so I will call you from the hotel later x', 'conversation'),
      en('{appEn}: the refund of {amountEn} for your order has been processed and should appear in 3-5 working days.'),
      en('Hey it is {nameEn}, can you send me the photos from the trip when you get a sec? No rush', 'conversation'),
      en('{bankEn}: a new payee was added to your account on {dateEn}. If this was not you, call us on the number on your card.'),
    ],
  },
];

export const VIOLATIONS_4: ViolationGroup[] = [
  {
    category: 'fraud',
    variants: 4,
    templates: [
      // Customer service: refund / compensation.
      zh('您好，我是{appZh}客服，您购买的商品检测出质量问题，我们给您办理双倍[[退款|tui款]]，请下载会议软件开启共享，我一步步教您操作。', 'conversation'),
      zh('【{courierZh}】您好，您的包裹已丢失，按规定给您[[理赔|li赔]]{amount}元，需要您在支付宝备用金里先走一下流程，理赔款随后到账。'),
      zh('亲，您在我们店买的东西批次有问题，给您[[补偿|bu偿]]{fee}元，您加一下售后的微信，我拉您进退款群领取。', 'conversation'),
      // Account frozen / limited / unusual login.
      zh('【{bankZh}】您的账户检测到异常登录，已被临时[[冻结|dong结]]，为保障资金安全请立即联系专员{phone}解冻。'),
      zh('您的微信支付因涉嫌违规已被限制，如需恢复，请在24小时内添加客服{vx}提交[[解封|jie封]]材料。'),
      // Credit limit raise.
      zh('【{bankZh}】尊敬的客户，您的信用卡可[[提额|ti额]]至{limit4}元，只需先存入一笔验证资金到指定卡片，即可审批通过。'),
      zh('恭喜您获得花呗临时[[提额|ti额]]资格，请联系专员{phone}，按提示操作流水，额度马上到账。'),
      // Student loan / membership auto-renew cancellation.
      zh('您好，我是{appZh}金融的工作人员，您在大学期间开通过[[校园贷|xiao园贷]]账户，现在要求注销，否则影响征信，需要您把网贷额度取出来转到我们的清零账户。', 'conversation'),
      zh('您好，您开通的{appZh}百万保障[[免费试用|免费shi用]]已到期，下月起每月扣费{fee}元，如需关闭请按客服指引在手机银行操作。'),
      // Police / procurator / court "case" and "fund check".
      zh('我是{city}市公安局刑侦支队的，你的身份证被人冒用开了银行卡涉嫌洗钱，现在要对你名下资金进行[[清查|qing查]]，这是机密，不能告诉任何人。', 'conversation'),
      zh('这里是{city}市人民检察院，你涉及一宗非法集资案件，已下发[[通缉令|tong缉令]]，请登录我们的网站查看，并按要求把资金做核查。'),
      zh('{name}，我是法院的，你有一张传票未处理，你的资金需要做[[资金核查|资金he查]]，核查完毕原路退回，不要挂电话也不要去银行。', 'conversation'),
      zh('您好，这边是{city}海关，您有一个国际包裹查出违禁物品，涉嫌走私，需要配合[[资金审查|资金shen查]]，否则将移交公安。', 'conversation'),
      zh('你的快递在我们这里被查出夹带护照，现在需要你配合，把账户里的钱先转到[[安全账户|安全zhang户]]接受核查。', 'conversation'),
      // Relative / friend / boss on a new number.
      zh('{relZh}，我手机没电了，借同事的手机发的，你先给我打{amount}到这个卡上，[[急用|ji用]]，我晚点跟你解释。', 'conversation'),
      zh('舅舅，我是小明，在国外读书，学校突然要交一笔费用，爸妈联系不上，你能先帮我[[垫一下|dian一下]]吗？这是我同学的账号。', 'conversation'),
      zh('{name}，我是你们王总，明天上午来我办公室一趟。另外有个合作方的款要急着付，你先帮我处理一下，[[加我这个QQ|加我这个扣扣]]{qq}。', 'conversation'),
      zh('猜猜我是谁？我换号了，明天路过你那边，顺便找你帮个忙，最近手头[[周转不开|zhou转不开]]。', 'conversation'),
      // Investment / crypto / stock tips / mentors.
      zh('我们是证券投资者交流群，老师每天免费推荐[[牛股|niu股]]，已经连续三个涨停，点链接进群 http://{token}-gp.cn'),
      zh('恭喜您成为我们的VIP学员，导师带单稳赚不赔，[[收益翻倍|收益fan倍]]，今日入金{amount}即可开启跟单。'),
      zh('平台内部渠道，{coin}[[搬砖套利|搬砖tao利]]，日收益5%，保本无风险，私聊带你做。'),
      // Romance that turns to investment.
      zh('亲爱的，今天我舅舅又给了我一个内部数据，这个[[平台|ping台]]稳赚的，你先充一点试试，我教你怎么操作。', 'conversation, romance investment'),
      zh('宝贝，我们以后的家就靠这次了，你相信我，把钱投到我说的那个网站，[[提现|ti现]]的时候我帮你。', 'conversation, romance investment'),
      // Part-time task / order brushing / likes.
      zh('招聘兼职，[[抖音点赞|抖音dian赞]]一个3元，一天轻松200+，做任务需先垫资，完成后返本金和佣金。'),
      zh('亲，给我们店铺做个好评就能领{fee}元红包，做完第一单再带您做[[连单任务|lian单任务]]，收益更高。', 'conversation'),
      zh('在家用手机就能做的活，一天几百，不耽误上班，感兴趣[[私聊我|si聊我]]拉你进任务群。', 'conversation'),
      // Game-account trading.
      zh('你的游戏账号有人出价{amount}收购，请到交易平台登记，需先交[[保证金|bao证金]]才能解冻提现 http://{token}-jy.com'),
      // ETC / medical insurance / social security / personal income tax phishing.
      zh('【ETC】您的ETC[[认证失效|认证shi效]]，将影响高速通行，请点击 http://{token}-etc.com 更新信息，以免停用。'),
      zh('【医保局】您的[[医保账户|医bao账户]]有{amount}元余额即将清零，请点击 http://ybj-{token}.cn 办理提取。'),
      zh('【人社】您的[[社保卡|she保卡]]需要进行年审，否则将被冻结，请登录 http://{token}-12333.com 完成认证。'),
      zh('【税务】您有一笔[[个税退税|个税tui税]]{amount}元待领取，请今日前登录 http://tax-{token}.cn 填写银行卡信息。'),
      // Parcel customs / redelivery.
      zh('【{courierZh}】您的包裹因地址不详无法派送，需支付[[二次派送费|二次pai送费]]3元，请点击 http://{token}-kd.cn 更新地址。'),
      // Prize fee / loan release fee.
      zh('恭喜您的手机号被抽中为本期[[幸运用户|xing运用户]]，奖品为笔记本电脑一台，需先付{fee}元快递费。'),
      zh('您申请的{limit4}元贷款已审批通过，但因银行卡号填写错误资金被冻结，需要缴纳[[解冻金|jie冻金]]才能放款。'),
      zh('贷款已下款，系统需要您先转一笔[[流水验证|liu水验证]]证明还款能力，验证完成后全额退还。'),
      // Flight cancellation "refund".
      zh('【航空】您预订的{flightZh}航班因机械故障[[取消|qu消]]，为表歉意补偿您300元，请致电{phone}办理退改签。'),
      zh('尊敬的旅客，您的航班已取消，[[退票|tui票]]补偿需要您提供银行卡号和验证码，客服会指导您操作。'),
      // No keyword: asking for the code.
      zh('您好，我是客服专员，刚才系统给您发了一条验证码，麻烦[[告诉我一下|gao诉我一下]]，我这边帮您取消扣费。', 'conversation'),
      zh('我是{bankZh}的，你的账户被盗刷了，为了保护资金，请[[不要告诉|不要gao诉]]任何人，包括网点工作人员，按我说的做。', 'conversation'),
      // English.
      en("Hi {relEn}, it's me, this is my new number. My phone fell in the bath. Can you help me [[pay a bill|pay a b1ll]] today? I'll pay you back tomorrow x", 'conversation'),
      en("{relEn} I'm stuck, lost my card and my phone. Could you [[transfer|tr4nsfer]] {amountEn} to my friend's account? I'll explain later, can't talk now", 'conversation'),
      en('Revenue Office: you are due a [[tax rebate|tax reb4te]] of {amountEn}. To receive it, verify your details at http://rev-{token}.com within 48 hours.'),
      en('{bankEn} Fraud Team: we detected fraud on your account. To protect your savings, move them to a [[safe account|s4fe account]] we set up for you. Do not tell branch staff.'),
      en("This is {bankEn} security. A member of your branch staff is under investigation, so please don't discuss this call with them. You need to [[move your money|m0ve your money]] today.", 'conversation'),
      en('{courierEn}: we missed you today. To rebook your delivery pay a [[small fee|sm4ll fee]] at http://{token}-rebook.com'),
      en('Your {appEn} subscription will [[auto-renew|aut0-renew]] for {amountEn} today. If you did not authorise this, call our cancellation desk on {phone}.'),
      en('Toll services: an outstanding [[toll balance|t0ll balance]] of {amountEn} is due on your vehicle. Settle now to avoid a fine: http://tollpay-{token}.us'),
      en('Official {coin} [[giveaway|giv3away]]: send any amount to our wallet and receive double back instantly. Limited time only!'),
      en('Hey, this is {nameEn} from the recruitment agency. Remote job: rate products online, earn {amountEn} a day. You just [[top up|t0p up]] your work account first to unlock tasks.'),
      en('Hi, sorry to bother you. I saw your profile and felt a connection. My uncle is an analyst and showed me a [[platform|pl4tform]] where I make 20% a week. I can guide you.', 'conversation, romance investment'),
      en('An order for an iPhone was placed on your {appEn} account. If this was not you, press 1 or call {phone} to [[cancel the order|canc3l the order]].'),
      en('Congratulations! Your number was chosen in our annual draw. To release your {amountEn} prize a [[release fee|rel3ase fee]] must be paid first.'),
      en('Your loan of {amountEn} is approved. An [[insurance fee|insur4nce fee]] must be paid in {gift} before the funds are released.'),
      en('Your flight {flightEn} has been cancelled. You are entitled to a [[refund|ref und]] of {amountEn}. Reply with your card number and expiry to process it.'),
      en("Hey it's me, new number. Can you grab me some {gift}? I'm in a meeting and can't call. [[I'll reimburse you|I'll reimburse u]] today.", 'conversation'),
      en('Police notice: your bank card is linked to a money laundering case. To clear your name you must [[transfer your funds|transf3r your funds]] for verification. Keep this confidential.'),
      en('Your PayPal is limited. We noticed an [[unusual login|unusu4l login]] from another country. Verify now or your account will be closed http://pp-{token}.com'),
      en("I'm an investment mentor. Join my [[WhatsApp group|WhatsApp gr0up]] for free daily stock tips, our members made 40% this month."),
      en("Your health card is ready. Confirm your [[bank details|b4nk details]] at http://{token}-care.com to receive your benefit payment."),
      en('Hi, the verification code I just sent to your phone was by mistake, could you [[send it back to me|s3nd it back to me]]? Thanks so much', 'conversation'),
    ],
  },
  {
    category: 'drugs',
    variants: 4,
    templates: [
      zh('有需要[[叶子|ye子]]的吗，货正，同城可送，懂的来。'),
      zh('[[邮票|you票]]、糖果、蘑菇都有，周末嗨起来，私信下单。'),
      zh('[[猪肉|zhu肉]]到货了，纯度高，老规矩，要的速联系{phone}。'),
      en('Got [[gas, snow and molly|g4s, snow and molly]], fast drop-off, DM me'),
      en('Need some [[green|gr33n]]? 420 friendly, delivered in 30 min, cash only'),
      en('Pills, powder, carts, whatever you need. [[No questions asked|n0 questions asked]], discreet post.'),
    ],
  },
  {
    category: 'weapons',
    variants: 4,
    templates: [
      zh('[[长短货|chang短货]]都有，配件齐全，可验货，走物流。'),
      zh('出[[砍刀|kan刀]]和甩棍，防身必备，快递到家。'),
      zh('[[3D打印手枪|3D打yin手枪]]图纸，全套教程，私聊发你。'),
      en('Selling [[heat|h3at]], clean, no bodies on it, cash only, meet in person.'),
      en('[[Auto sear|aut0 sear]] kits, turns it full auto, shipped discreet'),
    ],
  },
  {
    category: 'crime-method',
    variants: 4,
    templates: [
      zh('专业[[跑分|pao分]]，收款码出租，日结高佣。'),
      zh('[[出租银行卡|chu租银行卡]]一张月入过千，只需提供卡和U盾。'),
      zh('提供[[开房记录|kai房记录]]查询，一查一个准。'),
      en('Selling [[cash out|c4sh out]] methods and bank drops, fresh logs daily'),
      en('How to [[skim cards|sk1m cards]]: full tutorial and hardware, PM for price'),
    ],
  },
];
