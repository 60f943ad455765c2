/**
 * The seeds of the labelled screening corpus (ADR 0032), written for this project: every template and slot value
 * below is our own wording, none is taken or paraphrased from a public SMS spam/fraud dataset (those are reserved
 * for the independent evaluation of issue 9).
 *
 * Syntax: `{slot}` is filled from SLOTS; `[[plain|alt|…]]` marks a decisive phrase — the plain spelling, then evasive
 * spellings (pinyin, abbreviations, homophones) the generator may pick; evasion tricks (spaces, symbols, zero-width
 * characters, full width, homoglyphs, traditional characters, spelled-out digits) are applied by the generator.
 */
import type { CorpusCategory, CorpusKind } from './corpus';

export interface Template {
  text: string;
  kind: CorpusKind;
  note?: string;
}

export interface LegitGroup {
  group: string;
  /** Rows generated per template. */
  variants: number;
  templates: Template[];
}

export interface ViolationGroup {
  category: CorpusCategory;
  variants: number;
  templates: Template[];
}

export const SLOTS: Record<string, string[]> = {
  code: ['482913', '0719', '3356', '905127', '66120', '2048', '731864', '5093', '18273645', '440129'],
  min: ['5', '10', '3', '15', '30'],
  appZh: ['京东', '美团', '滴滴出行', '携程旅行', '小红书', '哔哩哔哩', '网易云音乐', '拼多多', '饿了么', '高德地图', '12306', '支付宝'],
  appEn: ['Acme', 'Northwind', 'Lumen', 'Parcelly', 'Brightbank', 'Skyline Air', 'Fitloop', 'Quillpay', 'Harbor Health', 'CityRide'],
  bankZh: ['招商银行', '中国银行', '工商银行', '建设银行', '农业银行', '交通银行', '浦发银行', '兴业银行'],
  bankEn: ['Brightbank', 'Harbor Savings', 'Northwind Credit Union', 'Lumen Bank'],
  last4: ['8821', '0427', '3390', '6615', '7702', '1958'],
  amount: ['128.50', '2,000.00', '36.80', '15,600.00', '499.00', '88.00', '1,250.00', '9.90'],
  amountEn: ['$42.18', '£120.00', '€65.40', '$1,250.00', 'S$18.90', 'A$300.00'],
  date: ['6月18日', '11月3日', '1月27日', '9月9日', '3月14日'],
  dateEn: ['12 Jun', '3 Nov', '27 Jan', '9 Sep', '14 Mar'],
  time: ['09:30', '14:05', '18:40', '20:15', '07:50'],
  courierZh: ['顺丰速运', '中通快递', '圆通速递', '京东物流', '邮政EMS', '韵达快递'],
  courierEn: ['Parcelly', 'SwiftPost', 'Royal Courier', 'DHL Express'],
  tracking: ['SF1420398872', 'YT8830147721', 'ZT7761203345', 'JD0098123377', 'EM9981234567CN'],
  station: ['菜鸟驿站(幸福里店)', '丰巢柜(东门)', '小区南门快递柜', '妈妈驿站(3号楼)'],
  pickup: ['3-2-1108', '5-1-2203', '12-4-0871', '8-8-3316'],
  hospital: ['市第一人民医院', '仁济医院', '协和医院', '区妇幼保健院', '中医院'],
  dept: ['心内科', '眼科', '口腔科', '儿科', '皮肤科', '骨科'],
  clinicEn: ['Riverside Clinic', 'St Anne Medical Centre', 'Northside Dental', 'Harbor Health'],
  city: ['杭州', '成都', '南京', '武汉', '西安', '苏州'],
  name: ['张先生', '李女士', '王女士', '陈先生', '刘女士'],
  nameEn: ['Alex', 'Sam', 'Jordan', 'Maria', 'Chen', 'Priya'],
  domain: ['m.jd.com', 'i.meituan.com', 'www.95588.com', 'u.12306.cn', 'h5.10086.cn', 'e.95566.com'],
  domainEn: ['acme.example.com', 'northwind.example.org', 'go.brightbank.example', 'parcelly.example.net'],
  token: ['a8Kx2', 'Q7mPz', 'z3Wd9', 'Lk02f', 'p9Tt4'],
  phone: ['13812345678', '15900001111', '18677778888', '13566669999'],
  qq: ['28841937', '1099283746', '3355128', '772619034'],
  card: ['6222 0212 3456 7788', '6217 0000 1111 2345', '6228 4800 9988 7766'],
  pct: ['20', '30', '50', '15'],
  store: ['万达店', '滨江店', '人民广场店', '西湖银泰店'],
  product: ['羽绒服', '空气炸锅', '运动鞋', '护肤套装', '咖啡豆', '扫地机器人'],
  productEn: ['running shoes', 'coffee beans', 'winter jackets', 'headphones', 'yoga mats'],
  optOutZh: ['拒收请回复R', '回T退订', '退订回N', '回复TD退订', '拒收请回复R。'],
  optOutEn: ['Reply STOP to opt out.', 'Text STOP to unsubscribe.', 'Reply STOP to unsubscribe', 'To opt out reply STOP.'],
  plate: ['浙A·3K8Q2', '川B·77M21', '苏E·9D1Z0'],
  fee: ['1,980', '3,600', '680', '2,400'],
};

/** Legitimate traffic: verification codes, notifications that mention money, banks, police, prizes, links, apps… */
export const LEGIT: LegitGroup[] = [
  {
    group: 'verification-zh',
    variants: 6,
    templates: [
      { kind: 'verification', text: '【{appZh}】验证码{code}，{min}分钟内有效，请勿泄露给他人。' },
      { kind: 'verification', text: '【{appZh}】您的登录验证码是{code}。如非本人操作，请忽略本短信。' },
      { kind: 'verification', text: '【{bankZh}】动态密码{code}，您正在进行网上支付，金额{amount}元。任何人索要验证码均为诈骗，切勿告知他人。' },
      { kind: 'verification', text: '【{appZh}】{code}（注册验证码），有效期{min}分钟。工作人员不会向您索取，请勿泄露。' },
      { kind: 'verification', text: '【{appZh}】您正在修改绑定手机号，验证码：{code}。若非本人操作，请立即修改密码。' },
      { kind: 'verification', text: '【{bankZh}】您尾号{last4}的账户正在绑定新设备，验证码{code}。银行不会以任何理由要求您转账至“安全账户”，谨防诈骗。' },
      { kind: 'verification', text: '【{appZh}】验证码 {code} ，用于身份验证，{min}分钟有效。为保障账户安全，请勿转发。' },
      { kind: 'verification', text: '【{appZh}】您的提现验证码为{code}，提现金额{amount}元，到账银行卡尾号{last4}。' },
      { kind: 'verification', text: '【国家政务服务平台】您的实名认证验证码为{code}，{min}分钟内有效。' },
      { kind: 'verification', text: '【{appZh}】你好，验证码是：{code}。请在页面中输入完成验证，不要把验证码告诉任何人，包括自称客服或警察的人。' },
      { kind: 'verification', text: '【{appZh}】登录码{code}，您正在新设备登录，若非本人，请及时冻结账号。' },
      { kind: 'verification', text: '【{appZh}】{code}是您的微信支付绑卡验证码，{min}分钟内有效。' },
    ],
  },
  {
    group: 'verification-en',
    variants: 5,
    templates: [
      { kind: 'verification', text: '{appEn}: your verification code is {code}. It expires in {min} minutes. Never share it with anyone.' },
      { kind: 'verification', text: 'Your {appEn} login code: {code}. If you did not request this, ignore this message.' },
      { kind: 'verification', text: '{code} is your {appEn} security code. We will never call you to ask for it.' },
      { kind: 'verification', text: '{bankEn}: use {code} to approve a payment of {amountEn}. Our staff will never ask for this code or ask you to move money to a safe account.' },
      { kind: 'verification', text: '[{appEn}] One-time password: {code} (valid {min} min). Do not share this code, not even with the police or our support team.' },
      { kind: 'verification', text: 'G-{code} is your {appEn} confirmation code.' },
      { kind: 'verification', text: '{appEn} code {code}. Enter it in the app to finish signing in.' },
      { kind: 'international', text: 'Your {appEn} sign-in code is {code}. Valid for {min} minutes.' },
    ],
  },
  {
    group: 'bank-zh',
    variants: 6,
    templates: [
      { kind: 'notification', text: '【{bankZh}】您尾号{last4}的储蓄卡{date}{time}转账支出人民币{amount}元，余额已更新。如有疑问请致电官方客服。' },
      { kind: 'notification', text: '【{bankZh}】您尾号{last4}的信用卡本期账单{amount}元，最后还款日{date}，可通过手机银行APP还款。' },
      { kind: 'notification', text: '【{bankZh}】温馨提示：近期冒充公检法要求转账到“安全账户”的诈骗高发，公安机关不存在安全账户，请勿向陌生账户转账。' },
      { kind: 'notification', text: '【{bankZh}】您的账户{date}收到工资代发{amount}元。' },
      { kind: 'notification', text: '【{bankZh}】您购买的理财产品已到期，本金及收益共{amount}元已返还至尾号{last4}账户。' },
      { kind: 'notification', text: '【{bankZh}】您申请的个人住房贷款已审批通过，放款金额以合同为准，详情请登录手机银行查看。' },
      { kind: 'notification', text: '【{bankZh}】您尾号{last4}的卡片因多次输错密码已被锁定，请本人携带身份证到网点办理解锁。本行不会通过短信链接要求解冻。' },
      { kind: 'notification', text: '【{bankZh}】您参与的信用卡消费抽奖活动中获得{amount}元刷卡金，已自动存入卡内，无需支付任何费用。' },
      { kind: 'notification', text: '【{bankZh}】反诈提醒：凡是自称警察、法官要求您转账汇款、配合调查“洗钱案”的都是诈骗，请拨打110核实。' },
      { kind: 'notification', text: '【{bankZh}】您尾号{last4}的账户{date}入账{amount}元，对方户名：{name}。' },
    ],
  },
  {
    group: 'bank-en',
    variants: 5,
    templates: [
      { kind: 'notification', text: '{bankEn}: a card payment of {amountEn} was made on {dateEn} with your card ending {last4}. Not you? Call the number on the back of your card.' },
      { kind: 'notification', text: '{bankEn}: your salary of {amountEn} has been credited to account ending {last4}.' },
      { kind: 'notification', text: '{bankEn} fraud alert: we will never ask you to transfer money to a "safe account". If someone claims to be the police or the bank and asks you to move funds, hang up.' },
      { kind: 'international', text: '{bankEn}: your loan repayment of {amountEn} is due on {dateEn}. Log in to the app to view your statement.' },
      { kind: 'notification', text: '{bankEn}: congratulations, you earned {amountEn} cashback this month. It has been added to your balance automatically.' },
      { kind: 'international', text: '{bankEn}: your new debit card has been posted. Activate it in the app once it arrives.' },
    ],
  },
  {
    group: 'delivery-zh',
    variants: 6,
    templates: [
      { kind: 'notification', text: '【{courierZh}】您的快递{tracking}已到{station}，取件码{pickup}，请于{date}前取件。' },
      { kind: 'notification', text: '【{courierZh}】您的包裹{tracking}正在派送中，快递员电话{phone}，请保持电话畅通。' },
      { kind: 'notification', text: '【{courierZh}】您的快件{tracking}因地址不详暂存网点，请在APP内修改地址，我司不会以“理赔”为由索要银行卡信息。' },
      { kind: 'notification', text: '【{appZh}】您的订单已发货，物流单号{tracking}，可在APP“我的订单”查看进度：https://{domain}/o/{token}' },
      { kind: 'notification', text: '【{appZh}】您申请的退款{amount}元已原路退回，预计1-3个工作日到账，无需提供验证码或操作转账。' },
      { kind: 'notification', text: '【{courierZh}】包裹{tracking}已签收，签收人：本人。如有疑问请联系官方客服。' },
      { kind: 'notification', text: '【{appZh}】您的外卖已由骑手送达，感谢使用。评价后可获得积分。' },
      { kind: 'notification', text: '【{courierZh}】海关提示：您的跨境包裹{tracking}需缴纳进口税费，请在官方APP“待缴税”页面完成，切勿向个人账户转账。' },
    ],
  },
  {
    group: 'delivery-en',
    variants: 5,
    templates: [
      { kind: 'international', text: '{courierEn}: your parcel {tracking} is out for delivery today between {time} and 18:00.' },
      { kind: 'international', text: '{courierEn}: parcel {tracking} is ready to collect at your local pickup point. Bring code {code}.' },
      { kind: 'notification', text: '{appEn}: your refund of {amountEn} has been issued to your original payment method. No action is needed.' },
      { kind: 'international', text: '{courierEn}: we missed you. Reschedule parcel {tracking} at https://{domainEn}/track/{token}' },
      { kind: 'notification', text: '{appEn}: your order has shipped. Track it in the app.' },
    ],
  },
  {
    group: 'health-zh',
    variants: 5,
    templates: [
      { kind: 'notification', text: '【{hospital}】{name}您好，您已成功预约{date}{time}{dept}门诊，请携带医保卡按时就诊。' },
      { kind: 'notification', text: '【{hospital}】您的检验报告已出，可在医院公众号或自助机查询打印。' },
      { kind: 'notification', text: '【{hospital}】提醒：您的孩子应于{date}接种疫苗第二针，请携带接种本。' },
      { kind: 'notification', text: '【{city}医保】您的医保个人账户{date}划入{amount}元，可在医保APP查询明细。' },
      { kind: 'notification', text: '【{hospital}】药房提示：您的处方药已配好，凭就诊卡到一楼药房取药。医院不会电话要求您支付“医保冻结”解冻费。' },
      { kind: 'notification', text: '【{hospital}】体检套餐预约成功：{date}上午空腹到院，费用{amount}元已支付。' },
    ],
  },
  {
    group: 'health-en',
    variants: 4,
    templates: [
      { kind: 'international', text: '{clinicEn}: reminder of your appointment on {dateEn} at {time}. Reply C to confirm or call us to rebook.' },
      { kind: 'international', text: '{clinicEn}: your test results are ready. Please log in to the patient portal to view them.' },
      { kind: 'notification', text: '{clinicEn}: {nameEn}, your dental check-up is booked for {dateEn} at {time}. Please arrive 10 minutes early.' },
      { kind: 'international', text: 'Blood donation: thank you {nameEn}, your donation on {dateEn} will help up to three patients.' },
      { kind: 'notification', text: '{clinicEn}: your prescription is ready for collection at the pharmacy.' },
      { kind: 'international', text: '{clinicEn}: flu vaccinations are available from {dateEn}. Book online or call the surgery.' },
    ],
  },
  {
    group: 'government-zh',
    variants: 5,
    templates: [
      { kind: 'notification', text: '【{city}公安】您办理的居民身份证已制作完成，请于工作日到户籍窗口领取。' },
      { kind: 'notification', text: '【国家反诈中心】公检法机关不会通过电话、短信办案，不存在“安全账户”，更不会要求转账汇款。接到此类电话请挂断并拨打96110。' },
      { kind: 'notification', text: '【{city}交警】您的车辆{plate}于{date}在城区违停，请在12123APP处理，勿点击陌生链接缴纳罚款。' },
      { kind: 'notification', text: '【{city}税务】您的个人所得税年度汇算可获退税{amount}元，请通过个人所得税APP办理，税务机关不会发送办理链接。' },
      { kind: 'notification', text: '【{city}公积金】您的住房公积金{date}缴存{amount}元，账户余额可在公积金APP查询。' },
      { kind: 'notification', text: '【{city}派出所】您申请的无犯罪记录证明已开具，请凭身份证到窗口领取。' },
      { kind: 'notification', text: '【{city}气象台】暴雨橙色预警：预计未来3小时有强降水，请减少外出，注意防范。' },
      { kind: 'notification', text: '【{city}社保】您的养老金{amount}元已于{date}发放至社保卡。' },
      { kind: 'notification', text: '【{city}公安】防骗提醒：冒充警察称您涉嫌洗钱并要求转账的都是诈骗。真警察不会在电话里让你转钱。' },
      { kind: 'notification', text: '【{city}法院】{name}，您的案件将于{date}{time}开庭，请按时到庭，详情可登录人民法院在线服务查询。' },
    ],
  },
  {
    group: 'government-en',
    variants: 4,
    templates: [
      { kind: 'international', text: 'City Council: bin collection moves to {dateEn} this week due to the public holiday.' },
      { kind: 'international', text: 'Police notice: we will never ask you to withdraw cash or move money to protect it. If in doubt, hang up and call 101.' },
      { kind: 'international', text: 'Tax office: your refund of {amountEn} has been approved and will be paid to your registered account. We never send payment links by text.' },
      { kind: 'international', text: 'Your passport renewal application has been received. We will text you when it is ready to collect.' },
      { kind: 'international', text: 'Election office: polling stations are open 7am to 10pm on {dateEn}. Bring photo ID.' },
      { kind: 'international', text: 'Weather warning: heavy snow expected from {time} tomorrow. Check travel updates before you go.' },
    ],
  },
  {
    group: 'operator-zh',
    variants: 5,
    templates: [
      { kind: 'notification', text: '【中国移动】尊敬的客户，您本月话费账单{amount}元，当前余额{amount}元。查询请发送CXHF到10086。' },
      { kind: 'notification', text: '【中国联通】您的通用流量已使用80%，如需加油包可在联通APP办理。' },
      { kind: 'notification', text: '【中国电信】您已成功办理5G畅享套餐，下月1日生效。如需取消请拨打10000。' },
      { kind: 'notification', text: '【中国移动】您参与的积分抽奖获得一等奖：10GB流量，已自动到账，无需支付任何费用。' },
      { kind: 'notification', text: '【中国联通】话费余额不足{amount}元，为避免停机请及时充值。' },
      { kind: 'notification', text: '【国家电网】您户号尾号{last4}的电费{amount}元已扣款成功。' },
    ],
  },
  {
    group: 'operator-en',
    variants: 4,
    templates: [
      { kind: 'international', text: 'Skyline Mobile: you have used 80% of your data allowance. Add more in the app.' },
      { kind: 'international', text: 'Skyline Mobile: roaming is now active. Calls and data in the EU are included in your plan.' },
      { kind: 'international', text: 'Skyline Mobile: your top-up of {amountEn} was successful. Thank you.' },
      { kind: 'international', text: 'Skyline Mobile: your bill of {amountEn} will be collected on {dateEn}.' },
      { kind: 'international', text: 'You have won this month\'s loyalty draw: 5GB of free data has been added to your plan. No payment needed.' },
    ],
  },
  {
    group: 'service-zh',
    variants: 5,
    templates: [
      { kind: 'notification', text: '【{appZh}】您的会员将于{date}到期，可在APP内续费，过期后权益失效。' },
      { kind: 'notification', text: '【{appZh}】您{date}{time}的行程已完成，车费{amount}元，已从支付宝扣款。' },
      { kind: 'notification', text: '【{appZh}】您预订的{city}酒店已确认，入住日期{date}，请出示身份证办理入住。' },
      { kind: 'notification', text: '【{appZh}】您的账号在新设备登录，如非本人操作请立即修改密码。' },
      { kind: 'notification', text: '【{appZh}】恭喜您获得新人专享优惠券，已放入卡包，有效期7天。' },
      { kind: 'notification', text: '【{appZh}】您的火车票已出票：{date}{city}站{time}开，请携带证件乘车。' },
      { kind: 'notification', text: '【{appZh}】您关注的商品{product}已降价，可在收藏夹查看。' },
      { kind: 'notification', text: '【{appZh}】您的工单已处理完毕，客服不会以退款为由要求您下载其他软件或开启屏幕共享。' },
      { kind: 'notification', text: '【{appZh}】面试邀请：{name}您好，请于{date}{time}到公司参加面试，地址见招聘APP消息。' },
      { kind: 'notification', text: '【{appZh}】您的物业费{amount}元已缴纳成功，感谢支持。' },
    ],
  },
  {
    group: 'service-en',
    variants: 4,
    templates: [
      { kind: 'notification', text: '{appEn}: your subscription renews on {dateEn} for {amountEn}. Manage it in Settings.' },
      { kind: 'international', text: '{appEn}: your ride is arriving in {min} minutes.' },
      { kind: 'international', text: 'Skyline Air: flight to Singapore on {dateEn} is boarding at gate 23 from {time}.' },
      { kind: 'notification', text: '{appEn}: a new device signed in to your account. If this was not you, reset your password in the app.' },
      { kind: 'international', text: 'Hi {nameEn}, your table for 4 at Olive & Fig is confirmed for {dateEn} at {time}.' },
      { kind: 'international', text: '{appEn}: we received your job application and will reply within 5 working days.' },
    ],
  },
  {
    group: 'marketing-zh',
    variants: 6,
    templates: [
      { kind: 'marketing', text: '【{appZh}】双11预售开启，{product}低至{pct}折起，会员再享额外折扣，详见APP首页。{optOutZh}' },
      { kind: 'marketing', text: '【{appZh}{store}】周年庆全场满300减50，凭短信到店可领小礼品一份。{optOutZh}' },
      { kind: 'marketing', text: '【{appZh}】您有一张{pct}元无门槛券即将过期，打开APP即可使用。{optOutZh}' },
      { kind: 'marketing', text: '【{bankZh}】信用卡周末美食五折，每月限享2次，详见掌上生活APP。{optOutZh}' },
      { kind: 'marketing', text: '【{appZh}】新品{product}上市，首发价立减{pct}元，点击 https://{domain}/p/{token} 查看。{optOutZh}' },
      { kind: 'marketing', text: '【中国移动】流量月包限时优惠，每月仅需{pct}元，发送KTLL到10086办理。{optOutZh}' },
      { kind: 'marketing', text: '【{appZh}】亲爱的会员，生日月购物积分双倍，感谢一路相伴。{optOutZh}' },
      { kind: 'marketing', text: '【{appZh}】春季健身卡买一年送三个月，{city}各门店通用。{optOutZh}' },
    ],
  },
  {
    group: 'marketing-en',
    variants: 5,
    templates: [
      { kind: 'marketing', text: '{appEn}: spring sale, {pct}% off {productEn} this weekend only. Shop in the app. {optOutEn}' },
      { kind: 'marketing', text: '{appEn} members: double points on every order until Sunday. {optOutEn}' },
      { kind: 'marketing', text: 'Hi {nameEn}, your {appEn} voucher worth {amountEn} expires on {dateEn}. Use it at checkout. {optOutEn}' },
      { kind: 'marketing', text: '{appEn}: new season {productEn} are here. Free delivery over $50. {optOutEn}' },
      { kind: 'marketing', text: '{bankEn}: earn 5% cashback at supermarkets this month with your card. T&Cs apply. {optOutEn}' },
    ],
  },
];

/**
 * Violations of every CONTRACTS.md category. Expected outcome BLOCK, except `missing-opt-out` (REVIEW). Fraud is
 * written as keywords and as conversation (no keyword at all).
 */
export const VIOLATIONS: ViolationGroup[] = [
  {
    category: 'fraud',
    variants: 6,
    templates: [
      { kind: 'notification', text: '【{city}公安】您的身份信息涉嫌一起[[洗钱|xi钱|洗qian]]案件，请立即将名下资金转入[[安全账户|安全帐户|安全zhang户]]配合调查，否则将冻结您的全部银行卡。' },
      { kind: 'notification', text: '【{bankZh}】您的银行卡已被冻结，请立即[[点击链接解冻|點擊鏈接解凍|点击lian接解冻]] http://bank-safe-{token}.top 并输入卡号密码。' },
      { kind: 'notification', text: '妈，我手机掉水里了，这是我新号码。我在外面出了点事急用钱，你先转{fee}元到这个卡号{card}，户名王磊，别跟爸说。', note: 'conversation' },
      { kind: 'notification', text: '您好，这里是{city}公安局刑侦支队，你的身份证被人冒用开户，涉及一宗案件。现在需要你把存款转到我们指定的账户做资金清查，核查完会退还。不要告诉任何人。', note: 'conversation' },
      { kind: 'notification', text: '你儿子在学校出车祸了，正在{hospital}抢救，需要马上交手术费{fee}元，请立刻转账到主任的账户{card}。', note: 'conversation' },
      { kind: 'notification', text: '【{appZh}客服】您购买的商品有质量问题，我们将为您办理三倍退款，请[[下载|xia载]]“云会议”APP并开启[[屏幕共享|屏幕gong享]]，按客服指引操作。' },
      { kind: 'notification', text: '[[刷单返利|刷dan返利|shua单返利]]，帮商家点赞关注，一单佣金{pct}元，日结不押金，详询QQ {qq}。' },
      { kind: 'notification', text: '老师带你[[炒股|炒gu]]，内部消息保证翻倍，进群跟单，已有上千人获利，先交会员费{fee}元即可入群。', note: 'conversation, investment group' },
      { kind: 'notification', text: '您的[[ETC|ETC]]已失效，将影响高速通行，请立即登录 http://etc-{token}.cc 重新认证。' },
      { kind: 'notification', text: '领导，我是{name}，这是我新的微信。明天找你有点事，先帮我垫付一笔{fee}元转给合作方，我晚点还你。', note: 'conversation, boss impersonation' },
      { kind: 'notification', text: '【医保中心】您的医保卡已被冻结，涉嫌违规套保，请速致电{phone}解冻，否则将影响报销。' },
      { kind: 'notification', text: '您的京东[[金条|jin条]]已开通，若不关闭将影响个人征信，请联系客服{phone}按指引注销，注销需将额度内资金转出验证。' },
      { kind: 'notification', text: '喂，是{name}吗？我是你老同学啊，听不出来了？我换号了。最近手头有点紧，能不能先借我{fee}，下周一定还，打到我老婆卡上{card}。', note: 'conversation, old friend' },
      { kind: 'notification', text: '【{appZh}】您的百万保障险免费期已到，即将每月自动扣费{amount}元，如需取消请添加客服QQ{qq}办理退保。' },
      { kind: 'notification', text: '您的学生贷款账户未注销，会影响征信，请配合我们把账户里的钱转到监管账户后再注销，客服{phone}。', note: 'conversation' },
      { kind: 'notification', text: '亲，您在我店购买的{product}快递丢件了，我们给您双倍理赔，请加我微信，扫码填写银行卡号和验证码就能到账。', note: 'conversation, fake refund' },
      { kind: 'notification', text: '姐，我在{city}的投资群里认识了一位导师，带单收益每天10%，我已经赚了两万，你要不要也进来？先充{fee}试试。', note: 'conversation, investment group' },
      { kind: 'international', text: 'Amazon support: a refund of {amountEn} is waiting. Install the AnyDesk app and share your screen so our agent can process it.', note: 'fake refund' },
      { kind: 'international', text: 'This is the police financial crime unit. Your account is linked to money laundering. Move all funds to the [[safe account|s@fe account|safe acc0unt]] we give you to protect them.' },
      { kind: 'international', text: 'HMRC: you are owed a tax rebate of {amountEn}. Claim within 24 hours at http://rebate-{token}.com or it will be cancelled.' },
      { kind: 'international', text: 'Hi mum, this is my new number, I dropped my phone. I need to pay a bill urgently, can you send {amountEn} to this account? I will pay you back tomorrow.', note: 'conversation' },
      { kind: 'international', text: 'Hi, it is your grandson. I was in a car accident and I am at the police station, I need bail money today. Please do not tell mum, send {amountEn} by gift cards.', note: 'conversation' },
      { kind: 'international', text: '{bankEn}: unusual activity detected, your account is suspended. Verify now at http://secure-{token}.xyz/login to avoid closure.' },
      { kind: 'international', text: 'Your parcel is on hold at customs. Pay the {amountEn} release fee within 24h: http://parcel-{token}.info' },
      { kind: 'international', text: 'Great news! You can earn $300 a day liking videos from home. Message our mentor on Telegram to start, a small deposit unlocks tasks.', note: 'task scam' },
      { kind: 'international', text: 'Hello dear, I am a crypto trader and can teach you to double your investment in a week. Join my VIP group, guaranteed profit.', note: 'investment' },
    ],
  },
  {
    category: 'gambling',
    variants: 6,
    templates: [
      { kind: 'marketing', text: '[[澳门|澳門]]正规[[博彩|bo彩|博cai]]，[[真人荷官|真人荷guan]]在线发牌，首充送{pct}%，网址 {token}.vip' },
      { kind: 'notification', text: '百家乐稳赢技巧，日赚{fee}，[[赌场|du场|賭場]]内部通道，加Q{qq}。' },
      { kind: 'marketing', text: '[[线上赌博|线上du博|线上赌bo]]平台上线，体育竞猜、老虎机、捕鱼全都有，注册即送88元彩金。' },
      { kind: 'notification', text: '兄弟，上次那个平台还在吗？今晚有场球，我这边能下注，赔率1赔9，带你一起玩，先充值{fee}。', note: 'conversation' },
      { kind: 'international', text: 'Online [[casino|cas1no|c a s i n o]]: 200% welcome bonus, live dealers, instant withdrawals. Play now at {token}-bet.win' },
      { kind: 'international', text: 'Sure win [[betting|b3tting]] tips, fixed matches tonight. Deposit {amountEn} to join the VIP room.' },
    ],
  },
  {
    category: 'pornography',
    variants: 6,
    templates: [
      { kind: 'notification', text: '寂寞了吗？同城[[小姐上门|小jie上门|小姐上門]]服务，学生兼职，包夜价格优惠，加QQ{qq}。' },
      { kind: 'notification', text: '[[裸聊|luo聊|裸liao]]一对一，真人视频，下载APP注册就送金币。' },
      { kind: 'marketing', text: '[[色情视频|se情视频|色情視頻]]免费看，成人网站最新地址 {token}.xxx' },
      { kind: 'notification', text: '帅哥，今晚一个人吗？我就在你附近的酒店，想认识你，价格好商量，来了当面付。', note: 'conversation, prostitution' },
      { kind: 'international', text: 'Hot singles near you want to meet tonight. Uncensored [[porn|p0rn|pr0n]] videos at {token}.xxx' },
      { kind: 'international', text: 'Lonely? Escort girls to your hotel room in 30 minutes, cash on arrival.' },
    ],
  },
  {
    category: 'drugs',
    variants: 6,
    templates: [
      { kind: 'notification', text: '出[[冰毒|冰du|bing毒]]、[[麻古|ma古]]，货好量足，同城当面交易，联系{phone}。' },
      { kind: 'notification', text: '[[出售大麻|出售da麻|出售大ma]]，飞叶子体验好，包邮隐蔽发货。' },
      { kind: 'notification', text: '需要“糖果”和“邮票”吗？派对必备，嗨一整晚，私聊发货，暗号老地方。', note: 'conversation, slang' },
      { kind: 'notification', text: '[[摇头丸|yao头丸|搖頭丸]]、[[K粉|k粉]]现货，夜场专供，量大从优。' },
      { kind: 'international', text: 'Top quality [[cocaine|c0caine|coke]] and pills, discreet delivery tonight. Text {phone} for the menu.' },
      { kind: 'international', text: 'Weed, MDMA and [[heroin|her0in]] available, stealth shipping worldwide.' },
    ],
  },
  {
    category: 'weapons',
    variants: 6,
    templates: [
      { kind: 'notification', text: '出售[[仿真枪|仿真qiang|仿真槍]]、气枪、钢珠枪，配件齐全，货到付款。' },
      { kind: 'notification', text: '[[枪支|qiang支|槍支]]弹药批发，猎枪零件，联系{qq}。' },
      { kind: 'notification', text: '矿山专用[[炸药|zha药|炸藥]]、[[雷管|lei管]]出售，无需手续。' },
      { kind: 'notification', text: '老铁，你要的那批“铁家伙”到了，五四式带两个弹夹，老价格，晚上码头交货。', note: 'conversation, slang' },
      { kind: 'international', text: 'Untraceable [[guns|gunz]] and ammo for sale, no licence needed, ships in plain packaging.' },
    ],
  },
  {
    category: 'counterfeit',
    variants: 6,
    templates: [
      { kind: 'notification', text: '[[代开发票|代开fa票|代開發票]]，增值税专票普票，可验真，点数低。联系{phone}。' },
      { kind: 'notification', text: '[[高仿人民币|高仿rmb|高仿人民幣]]，一比十出货，手感真，可过验钞机。' },
      { kind: 'notification', text: '[[办假证|办jia证|辦假證]]：毕业证、驾驶证、房产证，24小时出证。' },
      { kind: 'notification', text: '低价回收手机电脑，来路不问，[[销赃|xiao赃]]快速变现。' },
      { kind: 'international', text: 'Buy [[counterfeit|c0unterfeit]] banknotes, undetectable, passes UV pen test. Also fake passports and licences.' },
    ],
  },
  {
    category: 'smuggling',
    variants: 6,
    templates: [
      { kind: 'marketing', text: '海关[[罚没车|罚mo车|罰沒車]]低价处理，奔驰宝马仅需三成价，手续齐全。' },
      { kind: 'notification', text: '[[走私车|走si车|走私車]]、[[套牌车|tao牌车]]现车出售，可上牌，联系{phone}。' },
      { kind: 'notification', text: '水货豪车到港，不走正规报关，价格只有市场价一半，要的私聊。', note: 'conversation' },
      { kind: 'international', text: 'Smuggled luxury cars at 40% of market price, no customs papers needed, delivery to your door.' },
    ],
  },
  {
    category: 'false-lottery',
    variants: 6,
    templates: [
      { kind: 'notification', text: '[[恭喜您中奖|恭喜您zhong奖|恭喜您中獎]]！您被{appZh}抽中二等奖现金{fee}元及笔记本电脑一台，请先缴纳[[领奖手续费|领奖手续fei]]{amount}元。' },
      { kind: 'notification', text: '【中国好声音】您的手机号被抽为[[场外幸运观众|场外幸运guan众]]，奖金{fee}元，登录 {token}.cn 领取。' },
      { kind: 'notification', text: '您好，您在我们平台的积分抽奖中抽到一台苹果手机，只需付{amount}元运费和保证金就能寄出，今天不领就作废了。', note: 'conversation' },
      { kind: 'international', text: 'Congratulations! Your number won £{fee} in the International Mobile Lottery. To claim, pay the {amountEn} [[processing fee|pr0cessing fee]].' },
      { kind: 'international', text: 'You are our lucky winner of an iPhone! Just cover shipping: {amountEn} at http://win-{token}.top' },
    ],
  },
  {
    category: 'false-matchmaking',
    variants: 6,
    templates: [
      { kind: 'notification', text: '[[富婆征婚|富婆zheng婚|富婆徵婚]]：本人35岁丧偶，资产过亿，寻有缘男士，先交{amount}元诚意金见面。' },
      { kind: 'notification', text: '[[富婆包养|富po包养]]，重金求子，事成奖励{fee}元，联系{phone}。' },
      { kind: 'notification', text: '哥哥你好，我是上次婚恋网认识的小雨，我在投资一个平台赚了不少，你也可以试试，我教你。', note: 'conversation, romance-investment' },
      { kind: 'international', text: 'Wealthy widow seeks partner, I will support you financially. Send a small registration fee of {amountEn} to meet me.' },
    ],
  },
  {
    category: 'false-recruitment',
    variants: 6,
    templates: [
      { kind: 'notification', text: '招聘：在家手机兼职，[[日赚千元|日赚qian元|日賺千元]]，时间自由，无需经验，先交{amount}元培训费。' },
      { kind: 'notification', text: '[[兼职打字员|兼职打zi员]]，每天两小时[[月入过万|月入guo万]]，加Q{qq}报名。' },
      { kind: 'notification', text: '海外高薪招工，包吃住机票，月薪三万起，只需先交{fee}元办签证押金，名额有限。', note: 'conversation' },
      { kind: 'notification', text: '[[手工活外发|手工huo外发]]，串珠绣花，押金{amount}元，计件结算。' },
      { kind: 'international', text: 'Work from home: earn $500 a day, no experience. Pay a {amountEn} starter kit fee to begin.' },
    ],
  },
  {
    category: 'sp-trick',
    variants: 6,
    templates: [
      { kind: 'notification', text: '您有一条未读彩信，[[回复1|回复yi]]查看，资费{pct}元/月，[[回复1订购|回复１订购|回覆1訂購]]。' },
      { kind: 'notification', text: '尊敬的用户，[[回复Y开通|回复y开通]]全年天气预报服务，每条0.1元，默认自动续订。' },
      { kind: 'notification', text: '【手机报】[[回复任意内容开通|回复任意內容開通]]精彩资讯，每月仅需10元。' },
      { kind: 'international', text: 'Reply YES to receive daily horoscopes. Charged £4.50 per message, subscription renews automatically.' },
    ],
  },
  {
    category: 'unsolicited-ad',
    variants: 6,
    templates: [
      { kind: 'notification', text: '[[代办移民|代办yi民|代辦移民]]，投资移民名额紧张，包过，详询{phone}。' },
      { kind: 'notification', text: '[[楼盘内部认购|楼盘内部ren购]]，首付5万，[[购房落户|购房luo户]]，{city}地铁口现房。' },
      { kind: 'notification', text: '各位老板好，本公司长期[[代开发票|代开fa票]]，餐饮住宿运输均可。' },
      { kind: 'international', text: 'Guaranteed residency visa in 30 days, no interview. Immigration agent {phone}.' },
    ],
  },
  {
    category: 'political',
    variants: 6,
    templates: [
      { kind: 'notification', text: '觉醒吧！联合起来[[推翻政府|推fan政府|推翻政府]]，本周六{city}广场集合。' },
      { kind: 'notification', text: '支持[[分裂国家|分裂guo家|分裂國家]]的独立运动，转发给你身边的人。' },
      { kind: 'notification', text: '[[煽动颠覆|煽动dian覆]]国家政权的文章已更新，下载翻墙软件阅读。' },
      { kind: 'international', text: 'Rise up and [[overthrow the government|0verthrow the government]]. Meet at the square on Saturday, bring others.' },
    ],
  },
  {
    category: 'ethnic-hatred',
    variants: 6,
    templates: [
      { kind: 'notification', text: '某某族人都是败类，应该把他们全部赶走，[[种族清洗|种族qing洗|種族清洗]]才能解决问题。' },
      { kind: 'notification', text: '团结起来对付外族，[[民族仇恨|民族chou恨]]不共戴天，转发让大家知道。' },
      { kind: 'international', text: 'They are vermin, drive every one of them out. [[Ethnic cleansing|ethn1c cleansing]] is the only answer.' },
    ],
  },
  {
    category: 'cult',
    variants: 6,
    templates: [
      { kind: 'notification', text: '[[法轮|fa轮|法輪]]大法好，三退保平安，真相资料请下载。' },
      { kind: 'notification', text: '大师[[开光法器|开guang法器]]，化解血光之灾，[[转运符|zhuan运符|轉運符]]限时请购。' },
      { kind: 'notification', text: '[[全能神|全neng神]]已经降临，末日将至，信者得救，速来聚会。' },
      { kind: 'international', text: 'The end of the world is near. Join our [[cult|c u l t]] of the true god, give up your savings to be saved.' },
    ],
  },
  {
    category: 'terror',
    variants: 6,
    templates: [
      { kind: 'notification', text: '我们将在{city}火车站[[制造爆炸|制造bao炸|製造爆炸]]，让所有人付出代价。' },
      { kind: 'notification', text: '加入[[圣战|sheng战|聖戰]]，殉道者将得到永生。' },
      { kind: 'notification', text: '明天去他公司门口等着，带上刀，[[砍死|kan死]]他一个算一个。' },
      { kind: 'international', text: 'We will [[bomb|b0mb]] the central station tomorrow. Join the attack, everyone must pay.' },
    ],
  },
  {
    category: 'rumour',
    variants: 6,
    templates: [
      { kind: 'notification', text: '[[紧急扩散|紧急kuo散|緊急擴散]]：{city}自来水被投毒，今晚不要喝水，转给家人！' },
      { kind: 'notification', text: '内部消息，[[明日将地震|明日将di震]]，{city}务必连夜撤离，不转不是中国人。' },
      { kind: 'notification', text: '听说{city}银行明天全部倒闭，存款取不出来了，赶紧去取钱，告诉身边的人。', note: 'conversation' },
      { kind: 'international', text: 'URGENT forward to everyone: the tap water in the city has been poisoned, do not drink it tonight. Share to save lives.' },
    ],
  },
  {
    category: 'defamation',
    variants: 6,
    templates: [
      { kind: 'notification', text: '大家注意，{name}[[就是个骗子|就是个pian子]]，欠钱不还，还乱搞男女关系，请转告所有人。' },
      { kind: 'notification', text: '[[人肉搜索|人rou搜索]]：这个{name}的手机号{phone}，住址已曝光，大家去骂他。' },
      { kind: 'international', text: 'Everyone should know {nameEn} at the bakery is a [[thief and a liar|th1ef and a liar]], spread the word before she cheats you.' },
    ],
  },
  {
    category: 'crime-method',
    variants: 6,
    templates: [
      { kind: 'notification', text: '[[开锁教程|开suo教程|開鎖教程]]，十秒开任何门锁，工具包邮。' },
      { kind: 'notification', text: '[[查开房记录|查kai房记录|查開房記錄]]、查通话记录、定位手机，包准确。' },
      { kind: 'notification', text: '[[针孔摄像|针kong摄像]]头、[[窃听器|qie听器]]出售，隐蔽不被发现。' },
      { kind: 'notification', text: '出售[[盗号软件|盗hao软件]]，一键破解QQ微信密码，附[[黑客教程|hei客教程]]。' },
      { kind: 'international', text: 'Learn to clone bank cards and [[hack|h4ck]] any phone. Full course and tools for {amountEn}.' },
    ],
  },
  {
    category: 'missing-opt-out',
    variants: 4,
    templates: [
      { kind: 'marketing', text: '【{appZh}】双11预售开启，{product}低至{pct}折，会员再享额外折扣，详见APP首页。' },
      { kind: 'marketing', text: '【{appZh}{store}】周年庆全场满300减50，凭短信到店领取小礼品。' },
      { kind: 'marketing', text: '【{appZh}】您有一张{pct}元无门槛券即将过期，打开APP即可使用。' },
      { kind: 'marketing', text: '【{bankZh}】信用卡周末美食五折，每月限享2次，详见掌上生活APP。' },
      { kind: 'marketing', text: '{appEn}: spring sale, {pct}% off {productEn} this weekend only. Shop in the app.' },
      { kind: 'marketing', text: 'Hi {nameEn}, your {appEn} voucher worth {amountEn} expires on {dateEn}. Use it at checkout.' },
    ],
  },
];
