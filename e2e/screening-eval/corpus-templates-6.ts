/**
 * The sixth batch of screening-corpus seeds (ADR 0032 addendum on the sixth batch, lexicon v7): fraud that reads like
 * ordinary conversation and the structures earlier batches did not cover — the second message of a two-step script
 * (the first built trust and asked nothing), a "wrong number" that turns into investment, fake customer-service
 * callbacks, recruiters on messaging apps, landlords asking for a deposit, disaster appeals, subsidies (补贴, 退税,
 * 养老金认证), court summonses, sextortion, tech support, inheritances, "you were overcharged", QR-code payment tricks,
 * "verify by video call", loan "unfreeze fees" — each beside LEGIT TWINS that use the same pretext honestly (an official
 * subsidy notice, a court or police notice that asks for no money, a callback that asks for nothing). Also more
 * false-recruitment and terror wording.
 *
 * Written for this project from our own knowledge of how these scams run: none is taken or paraphrased from a public
 * SMS spam/fraud dataset (those are reserved for the independent evaluation). Same syntax as corpus-templates.ts.
 * Group names end in `-6` so row ids never collide with the other batches; the split rule is the same (by template).
 */
import type { LegitGroup, Template, ViolationGroup } from './corpus-templates';

/** Slots only this batch uses (names distinct from the other batches' slots). */
export const SLOTS_6: Record<string, string[]> = {
  rent6: ['2,800', '4,500', '3,200', '6,000'],
  rentEn6: ['$1,800', '£950', '€1,200', 'A$2,100'],
  disaster6: ['甘肃地震', '河南暴雨', '四川山洪', '台风'],
  disasterEn6: ['the earthquake', 'the floods', 'the wildfires', 'the typhoon'],
  area6: ['朝阳区', '江干区', '武侯区', '鼓楼区'],
  job6: ['数据标注员', '客服专员', '直播运营', '电商助理'],
  jobEn6: ['remote assistant', 'data entry clerk', 'social media evaluator', 'app tester'],
  court6: ['人民法院', '中级人民法院', '基层人民法院'],
};

const zh = (text: string, note?: string): Template => ({ kind: 'notification', text, ...(note ? { note } : {}) });
const en = (text: string, note?: string): Template => ({ kind: 'international', text, ...(note ? { note } : {}) });

export const LEGIT_6: LegitGroup[] = [
  {
    group: 'fraud-twins-zh-6',
    variants: 3,
    templates: [
      zh('【{city}人社】您的{date}城乡居民养老金已发放至社保卡，领取资格认证可在“掌上12333”App自助办理，全程免费。'),
      zh('【{city}财政局】您申报的家电以旧换新补贴{amount}元已审核通过，将于10个工作日内发放至申报账户，无需缴纳任何费用。'),
      zh('【{city}{court6}】{name}，您涉及的民事纠纷案件定于{date}上午9时开庭，请携带身份证件到庭，本院不会通过短信收取任何费用。'),
      zh('【{city}公安】您在{area6}派出所办理的居住证已制作完成，请本人持身份证到窗口领取。'),
      zh('您好，我是{appZh}客服，刚才给您回电是关于您反馈的配送延迟问题，已为您加急处理，无需您做任何操作，感谢理解。'),
      zh('【{appZh}】您反馈的订单多扣款问题已核实，差额{amount}元已原路退回，请勿相信任何要求您转账的“退款客服”。'),
      zh('{name}您好，我是{area6}那套房子的房东，下周二上午可以来看房，押金等签合同的时候当面交就行。', 'conversation'),
      zh('【{city}红十字会】感谢您为{disaster6}灾区捐款，捐赠票据可在本会官网查询，本会只通过对公账户接收捐款。'),
      zh('【{bankZh}】您的{loan}贷款已全部结清，本行从不收取“解冻费”“流水验证费”，如遇此类要求请拨打本行客服热线核实。'),
      zh('【{city}税务】个人所得税汇算清缴开始了，请通过“个人所得税”App办理，税务部门不会发送链接要求您填写银行卡信息。'),
      zh('面试通知：{name}您好，您应聘的{job6}岗位初试通过，请于{date}14:00到公司前台面试，面试不收取任何费用。'),
      zh('{relZh}，视频里那个是我同学，不是骗子哈，她下周来我们家玩，你准备下饭就好', 'conversation'),
      zh('【{city}民政】{disaster6}救灾物资发放名单已公示，请在社区公告栏查看，领取无需缴纳任何费用。'),
      zh('您好，您的宽带报修已处理完毕，师傅说光猫已经换了，如还有问题可以再拨打10000，不用回复此短信。'),
      zh('{name}，上次说的理财课程我去听了，感觉都是推销，我就没买，你也别去了', 'conversation'),
      zh('【{appZh}】您的扫码付款{amount}元已完成，收款方：{store}，如有疑问请在App内申请售后。'),
      zh('【{city}法院】{name}，您申请的执行案款{amount}元已发放至您提供的账户，请注意查收，如有疑问请到法院立案大厅咨询。'),
      zh('老同学，好久不见，下个月同学聚会定在{date}，你来不来？来的话我报个名', 'conversation'),
    ],
  },
  {
    group: 'fraud-twins-en-6',
    variants: 3,
    templates: [
      en('{appEn}: thanks for calling us back about order #4471. Your replacement ships today. There is nothing you need to do.'),
      en('City Council: your cost-of-living payment of {amountEn} will be paid automatically to the account we hold. You do not need to apply or share any details.'),
      en('County Court: your hearing is listed for {dateEn} at 10am. Details are in your online case account. We never take payments by text.'),
      en('Hi {nameEn}, landlord here. The flat is still available, happy to show you round on Saturday. No deposit until you have seen it and signed.', 'conversation'),
      en('Red Cross: thank you for your gift to the {disasterEn6} appeal. Your receipt has been emailed. You can donate only through our official website.'),
      en('{appEn} Support: your ticket about the overcharge is resolved and {amountEn} has been refunded to your original payment method.'),
      en('Hi {nameEn}, sorry, I think I texted the wrong person earlier! Meant to send that to my sister. Have a good evening', 'conversation'),
      en('Pension Service: your annual statement is ready in your online account. We will never call you to ask for your bank details.'),
      en('Hi, this is Jo from Brightside Recruitment. Thanks for applying for the {jobEn6} role. Interview is on {dateEn} at our office, no fees at any stage.'),
      en('{bankEn}: your loan has been paid off in full. We never ask for a fee to release or unfreeze funds.'),
      en('Hey {nameEn}, can we do a quick video call later? Want to show you the new puppy before bed', 'conversation'),
      en('IT Service Desk: your password reset request #{last4} is complete. If you did not ask for it, call the helpdesk on the number on the intranet.'),
      en('{courierEn}: scan the QR code on your parcel locker screen to open door 14. Your parcel {tracking} is waiting.'),
      en('Hey, my grandma passed last month and I finally sorted her things. Found old photos of us as kids, will bring them Sunday', 'conversation'),
    ],
  },
];

export const VIOLATIONS_6: ViolationGroup[] = [
  {
    category: 'fraud',
    variants: 4,
    templates: [
      // Two-step scripts: the second message, after a first that built trust.
      zh('{name}，昨天跟您聊得很开心，我说的那个项目今天开放名额了，您先[[转个{fee}进去试试|zhuan个{fee}进去试试]]，赚了我再带您做大的。', 'conversation, two-step'),
      zh('哥，上次加你的那个是我，今天有个急事想麻烦你，我在外地[[钱包丢了|qian包丢了]]，你先借我{amount}，明天一早就还你。', 'conversation, two-step'),
      en("Hi again {nameEn}, it was lovely chatting yesterday. As promised, here is the app my cousin uses, start small with {amountEn} and [[I'll guide you|I'll gu1de you]] through it.", 'conversation, two-step'),
      en("Good morning dear, I hope you slept well. Like I told you, my account is blocked abroad, could you [[help me with|h3lp me with]] {amountEn} for the customs fee? I'll repay you double.", 'conversation, two-step'),
      // "Wrong number" that turns into investment.
      zh('不好意思发错了，本来是发给我表姐的。不过相遇就是缘分，我最近在做{coin}[[量化交易|liang化交易]]，每天稳定收益，有兴趣可以了解下。', 'conversation, wrong number'),
      en("Oops, wrong number, sorry! Since you're here, my uncle runs a {coin} [[trading group|tr4ding group]], we made 30% last week. Want me to add you?", 'conversation, wrong number'),
      en("Sorry, is this Linda? No? My mistake. You seem nice though. I'm a fund manager in Singapore, happy to [[share some tips|sh4re some tips]] if you like.", 'conversation, wrong number'),
      // Fake customer-service callbacks.
      zh('您好，我们刚才给您打过电话，关于您在{appZh}的订单，系统误将您设置为代理商，每月会扣费{fee}元，[[取消需要您配合|qu消需要您配合]]在手机银行操作一下。', 'conversation, callback'),
      en('{appEn} here, we called you earlier about your order. We charged you twice by mistake; to receive the [[refund|r3fund]] please install AnyDesk so our agent can process it.', 'conversation, callback'),
      en("Hi, this is {appEn} returning your call about the overcharge. We just need the [[code we sent|c0de we sent]] to confirm it's you, then the money goes back today.", 'conversation, callback'),
      // Recruiters on messaging apps.
      zh('您好，我是{appZh}的人事，看到您的简历很合适，{job6}岗位在家办公日薪500，请[[下载我们的办公软件|下载我们的办公ruan件]]，入职需先交培训费。', 'conversation, recruiter'),
      en('Hello, I am a recruiter for {appEn}. Your profile fits our {jobEn6} role: 60-90 minutes a day, paid daily. [[Message me on WhatsApp|Mess4ge me on WhatsApp]] to start.', 'conversation, recruiter'),
      en('Hi {nameEn}, Emma from HR. You passed our screening! To activate your work account you need to [[deposit|dep0sit]] {amountEn}, it is returned with your first salary.', 'conversation, recruiter'),
      // Landlords and deposits.
      zh('您好，房子还在，我人在外地没法带看，您先把[[定金{rent6}|ding金{rent6}]]转过来，我让中介把钥匙寄给您。', 'conversation, landlord'),
      en("Hi, the flat is yours if you want it. I'm working overseas so I can't show it, but send the [[deposit|dep0sit]] of {rentEn6} and I'll post the keys.", 'conversation, landlord'),
      // Charity and disaster appeals.
      zh('【{disaster6}紧急募捐】灾区急需物资，每捐100元可救助一户家庭，[[扫码捐款|sao码捐款]]直达个人账户，请转发给朋友。'),
      en('URGENT: families hit by {disasterEn6} need your help tonight. [[Donate now|D0nate now]] via our PayPal friends link, every {amountEn} feeds a family.'),
      // Government subsidies, tax refunds, pension certification.
      zh('【{city}人社】您有一笔[[生育补贴|sheng育补贴]]{amount}元待领取，请在今日内登录 http://{token}-rs.cn 填写银行卡信息领取，逾期作废。'),
      zh('您好，这里是社保中心，您的[[养老金认证|养老金ren证]]还没做，不做下个月就停发，我现在视频指导您操作，请把验证码告诉我。', 'conversation'),
      zh('【{city}财政】根据最新政策，您可申领[[职业技能补贴|zhi业技能补贴]]{amount}元，请扫描附件二维码，按页面提示输入银行卡号和密码。'),
      en('HMRC: you are owed a [[cost of living payment|c0st of living payment]] of {amountEn}. Apply today at http://gov-{token}.help to receive it.'),
      en("Pension office: your [[pension|p3nsion]] will stop unless you confirm your identity. Reply with your date of birth and bank card number."),
      // Court summons.
      zh('【{court6}】{name}，您有一份[[电子传票|电子chuan票]]未签收，因您拖欠网贷已被起诉，请立即致电{phone}处理，否则将强制执行。'),
      en('Court notice: a judgement has been filed against you for unpaid debt. Pay {amountEn} today to [[avoid arrest|av0id arrest]]. Call {phone}.'),
      // Sextortion.
      zh('你的手机已被我控制，你看的那些视频和你的[[聊天记录|liao天记录]]我都录下来了，48小时内转{amount}元，不然发给你通讯录里所有人。'),
      en("I have recorded you through your webcam and have your contact list. Send {amountEn} in {coin} within 48 hours or the [[video goes|vid3o goes]] to everyone you know."),
      en("Hey, remember our video chat last night? Your face is clear in the recording. [[Pay me|P4y me]] {amountEn} or your family sees it.", 'conversation'),
      // Tech support.
      zh('【系统提示】您的手机检测到[[病毒|bing毒]]，网银可能被盗，请立即拨打{phone}，技术人员将远程帮您清除。'),
      en('Microsoft Support: your computer has been [[infected|inf3cted]] and your bank logins exposed. Call our technicians on {phone} now.'),
      en("Hi, it's Dave from your broadband provider. Your router has been [[hacked|h4cked]], I need you to go to your PC so I can connect and fix it.", 'conversation'),
      // Advance-fee inheritance.
      zh('您好，我是海外律师，您的远房亲属在国外去世留下一笔[[遗产|yi产]]，您是唯一继承人，需先支付公证费和手续费即可办理。'),
      en('Dear friend, I am a lawyer. A late client with your surname left 4.5 million dollars unclaimed. As [[next of kin|n3xt of kin]] you can receive it after a small legal fee.'),
      // Shop "you were overcharged".
      zh('您好，我是{store}的店长，您昨天消费时收银员[[多收了您|duo收了您]]{amount}元，麻烦加下我微信，我把钱退给您。', 'conversation'),
      en("Hi, Greenway Stores here. Our till [[overcharged you|overch4rged you]] {amountEn} last week. Reply with your card details and we'll put it right today.", 'conversation'),
      // QR-code payment tricks.
      zh('亲，您的退款需要您[[扫一下这个二维码|sao一下这个二维码]]，输入金额{amount}和支付密码就能退回来了。', 'conversation, qr'),
      en('Parking notice: your ticket is unpaid. [[Scan the QR code|Sc4n the QR code]] on the meter and pay {amountEn} now to avoid a penalty notice.'),
      en("Buyer here! I've paid for your sofa, but the app needs you to [[scan my QR code|sc4n my QR code]] to receive the money. Just enter your PIN.", 'conversation, qr'),
      // Verify by video call.
      zh('我是{bankZh}信贷部的，您的贷款需要[[视频认证|shi频认证]]，等下视频的时候请打开屏幕共享，我核对一下您的银行卡余额。', 'conversation'),
      en("To finish verifying your account we need a short [[video call|vid3o call]]. Please have your bank card and phone ready to show the codes on screen.", 'conversation'),
      // Loan "unfreeze fee".
      zh('您好，您的借款{loan}已到账，但因您填写的信息有误被[[冻结|dong结]]，需要缴纳{fee}元解冻才能提现，放款后一并退回。'),
      en('Your loan is ready, but the funds are [[frozen|fr0zen]] because of a typo in your account number. Pay the {amountEn} correction fee to release them.'),
      // Links with look-alike letters and spelled-out digits (the link carries the scam).
      zh('【{courierZh}】您的快件{tracking}[[派送失败|pai送失败]]，请访问 http://{token}-youzheng.top 重新填写地址。'),
      en('{courierEn}: we could not [[deliver|del1ver]] your parcel {tracking}. Reschedule at {token}-parcel.top today.'),
      en('{bankEn}: a payment of {amountEn} is [[on hold|0n hold]]. Review it at secure-{token}.online or it will be processed.'),
      // Relatives and friends, more ways.
      zh('{relZh}，我在派出所，打架的事需要交{amount}[[保释|bao释]]，别告诉爸，先转到民警给的这个账户。', 'conversation'),
      en("{relEn}, I'm in trouble, I crashed a friend's car and the owner wants cash today or he calls the police. Can you [[send it now|s3nd it now]]? Please don't tell anyone.", 'conversation'),
      zh('老同学，我在医院，孩子急诊要交押金，微信被封了，能不能先[[帮我垫付|bang我垫付]]一下，卡号发你。', 'conversation'),
      en("Hey it's {nameEn}, my bank app is down and rent is due tonight. Could you [[cover it|c0ver it]] and I'll send it back Friday? Here are the details.", 'conversation'),
      // Investment and romance.
      zh('我跟你说的那个平台，今天有个[[内部名额|nei部名额]]，充一万返三千，我自己已经提现两次了，你要不要试试？', 'conversation, romance investment'),
      en("Babe, the platform I told you about gave me another 25% today. I opened an account for you, just [[fund it|fund 1t]] with {amountEn} and I'll do the trades.", 'conversation, romance investment'),
      zh('你好，我是{appZh}客服，您的账户被误开通了贷款功能，影响征信，请[[按我的步骤|an我的步骤]]在支付宝里把额度转出注销。', 'conversation'),
    ],
  },
  {
    category: 'false-recruitment',
    variants: 4,
    templates: [
      zh('诚招{job6}，无需经验，手机操作，[[日入三百|ri入三百]]，入职先交{fee}元押金，干满一个月退。'),
      zh('宝妈在家就能做，每天两小时，[[工资日结|gong资日结]]，加我微信{vx}了解详情。'),
      zh('急招[[海外客服|hai外客服]]，月薪三万，包机票包食宿，护照由公司保管，名额有限。'),
      en('Hiring now: {jobEn6}, no experience, [[earn {amountEn} per day|e4rn {amountEn} per day]] from your phone. Text JOB to start.'),
      en('Part-time job: [[like videos|l1ke videos]] and get paid {amountEn} each. Training fee refunded after your first task.'),
      en('We are hiring overseas: call centre work, [[high salary|h1gh salary]], flights and housing paid, passport kept by the company for visa.'),
      zh('招聘[[打字员|da字员]]，在家兼职，每千字80元，先交会员费{fee}元领取任务。'),
      en('Remote job offer: reship packages from home, [[paid weekly|pa1d weekly]], we send the parcels, you forward them. No interview needed.'),
    ],
  },
  {
    category: 'terror',
    variants: 4,
    templates: [
      zh('明天在广场[[动手|dong手]]，东西已经准备好了，人越多越好，让他们付出代价。'),
      zh('兄弟们，[[炸了那个车站|zha了那个车站]]，让全世界听到我们的声音。'),
      en('Tomorrow we [[hit the crowd|h1t the crowd]] at the market. Vests are ready. No one walks away.'),
      en('Brothers, the time for talk is over. [[Attack the checkpoint|Att4ck the checkpoint]] at dawn, take no prisoners.'),
      zh('谁想加入[[武装行动|wu装行动]]的，私聊我，教你们怎么做炸弹。'),
      en('Learn to build a [[device|dev1ce]] from household chemicals, full guide, for the coming attack on the infidels.'),
      zh('要让他们血债血偿，[[见人就杀|jian人就杀]]，周末在商场集合。'),
      en('Join the fight. [[Martyrdom|M4rtyrdom]] awaits those who strike the embassy this Friday.'),
    ],
  },
];
