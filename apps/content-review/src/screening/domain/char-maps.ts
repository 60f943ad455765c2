/**
 * Character folding data used by the normaliser. Each string is a run of pairs: `from`, `to`.
 * Kept as data next to the lexicon; when the lexicon gains characters with a distinct traditional form, add them here
 * (the lexicon spec checks that every listed traditional character folds onto a character the lexicon uses).
 */

/** Traditional (and common variant) forms of the characters the lexicon uses → simplified. */
const TRADITIONAL_PAIRS =
  '萬万醜丑個个樂乐產产體体眾众衆众關关養养軍军凍冻擊击辦办單单賣卖發发髮发臺台颱台號号聽听員员聖圣場场復复複复' +
  '頭头獎奖婦妇將将幣币錄录徵征擴扩攝摄搖摇槍枪鎗枪殺杀權权機机樓楼氣气沒没滅灭點点獨独獵猎現现盜盗盤盘種种積积' +
  '穩稳竊窃緊紧約约續续緝缉網网罰罚聯联職职薦荐藥药襲袭觀观訂订認认記记證证誠诚誹诽謗谤財财賬账帳账購购貸贷費费' +
  '贓赃資资賭赌賠赔賺赚轉转輪轮軟软過过運运門门聞闻針针鈔钞錢钱銀银鏈链銷销鎖锁領领額额顛颠風风驅驱騙骗兌兑華华' +
  '戰战戶户換换內内製制國国開开彈弹時时車车倣仿砲炮貳贰陸陆務务動动灣湾絕绝視视際际頻频煙烟' +
  '與与雙双優优價价傳传兒儿剛刚劃划勝胜匯汇區区協协參参問问啟启嚴严團团圍围壓压態态慶庆憑凭擔担據据撥拨'  +
  '務务檢检歡欢決决淨净測测滿满災灾熱热爭争爾尔牆墙狀状獲获環环療疗監监碼码礦矿禮礼稅税筆笔簽签糧粮紅红級级' +
  '組组細细經经綁绑線线練练總总腦脑葉叶處处補补裝装觸触計计討讨訊讯詐诈評评話话詢询該该說说請请諮咨識识' +
  '護护讓让負负貨货貴贵買买賽赛贏赢質质趕赶跡迹軌轨較较達达違违遠远選选鄉乡醫医鑒鉴鑑鉴長长閉闭陰阴隊队' +
  '險险隱隐雜杂離离難难電电靈灵響响項项順顺預预頻频顧顾飛飞館馆馬马驗验體体黨党齊齐龍龙戲戏壽寿廣广' +
  '繳缴詳详貼贴擾扰鬥斗厲厉擁拥掃扫劇剧純纯貧贫'  +
  '慾欲兩两滬沪擁拥拋抛搶抢殘残毆殴滅灭療疗癮瘾納纳脅胁臟脏們们個个麼么這这還还紙纸幾几線线碼码' +
  '結结嗎吗報报' +
  '對对實实寶宝' +
  '帶带撲扑鐵铁夥伙輕轻鬆松顏颜罷罢敗败轟轰偽伪當当墊垫滾滚鋼钢稜棱專专歷历鈴铃備备遞递遺遗試试學学豬猪僕仆審审東东無无業业謠谣類类黃黄' +
  // v7: characters of the v7 signals.
  '從从' +
  // v6: characters of the fraud-structure signals (ADR 0031 addendum 2).
  '會会偵侦調调郵邮載载為为傭佣數数條条僅仅壞坏來来導导誰谁給给幫帮媽妈訴诉異异園园漲涨題题後后議议進进掛挂規规圖图虧亏駕驾見见確确維维訪访閃闪稱称';

/** Look-alike letters from other scripts (Cyrillic, Greek, Latin variants) → the Latin letter they imitate. */
const HOMOGLYPH_PAIRS =
  'аaеeоoрpсcуyхxкkмmтtнhвbіiїiјjѕsԁdһhԛqԝw' + // Cyrillic
  'αaβbεeηnιiκkνvοoρpτtυuχxωw' + // Greek
  'ıiɡgſs'; // Latin variants NFKD leaves alone

/** Numerals spelled out in Chinese (plain and financial forms) → ASCII digits. */
const NUMERAL_PAIRS = '零0〇0一1二2三3四4五5六6七7八8九9壹1贰2叁3肆4伍5陆6柒7捌8玖9幺1';

/** 十 / 拾 (ten) read positionally: 三十五 → 35, 十五 → 15, 三十 → 30, 十 → 10. */
export const TENS = new Set([0x5341, 0x62fe]);

/** Digits used as letters inside Latin words (`c4sino`, `p0rn`); applied only next to a Latin letter. */
const LATIN_DIGIT_PAIRS = '0o1i3e4a5s7t8b';

function pairs(run: string): Map<number, number> {
  const chars = Array.from(run);
  if (chars.length % 2 !== 0) throw new Error(`Unpaired character map: ${run}`);
  const map = new Map<number, number>();
  for (let i = 0; i < chars.length; i += 2) map.set(chars[i].codePointAt(0) ?? 0, chars[i + 1].codePointAt(0) ?? 0);
  return map;
}

export const TRADITIONAL_TO_SIMPLIFIED = pairs(TRADITIONAL_PAIRS);
export const HOMOGLYPHS = pairs(HOMOGLYPH_PAIRS);
export const NUMERALS = pairs(NUMERAL_PAIRS);
export const LATIN_DIGITS = pairs(LATIN_DIGIT_PAIRS);

/**
 * Pinyin of the characters that carry the lexicon's violations (v5), written by hand: evasive senders spell one
 * character of a decisive word in pinyin (`代开fa票`, `dai款`, `推fan`). Each lexicon term is also compiled with any
 * one of these characters replaced by its syllable (see `pinyinSpellings`); polyphones carry the reading the lexicon
 * needs (行 hang as in 银行, 没 mo as in 罚没). Space-separated `字pinyin` entries.
 */
const PINYIN_ENTRIES =
  '发fa 票piao 贷dai 款kuan 赌du 博bo 彩cai 毒du 枪qiang 弹dan 药yao 炸zha 证zheng 假jia 钱qian 洗xi 账zhang ' +
  '户hu 转zhuan 奖jiang 中zhong 抽chou 骗pian 刷shua 单dan 返fan 利li 裸luo 聊liao 色se 情qing 黄huang ' +
  '嫖piao 娼chang 淫yin 约yue 炮pao 援yuan 姐jie 妹mei 麻ma 冰bing 粉fen 摇yao 丸wan 私si 走zou 套tao 牌pai 罚fa ' +
  '没mo 仿fang 猎lie 管guan 雷lei 刀dao 砍kan 杀sha 爆bao 恐kong 袭xi 圣sheng 战zhan 翻fan 推tui 颠dian 覆fu 政zheng ' +
  '府fu 裂lie 独du 族zu 仇chou 恨hen 教jiao 轮lun 神shen 功gong 符fu 谣yao 扩kuo 散san 震zhen 锁suo 窃qie ' +
  '听ting 盗dao 号hao 黑hei 客ke 针zhen 孔kong 摄she 查cha 开kai 房fang 定ding 位wei 移yi 民min 楼lou 盘pan 购gou ' +
  '落luo 兼jian 职zhi 赚zhuan 佣yong 押ya 征zheng 婚hun 富fu 婆po 包bao 养yang 订ding 回hui 复fu 现xian 信xin ' +
  '微wei 银yin 行hang 冻dong 解jie 链lian 点dian 击ji 码ma 验yan 续xu 费fei 幸xing 运yun 观guan 荷he 棋qi 注zhu ' +
  '投tou 办ban 学xue 历li 毕bi 业ye 销xiao 赃zang 币bi 钞chao 孕yun 烟yan 枪qiang ' +
  '弩nu 狗gou 嗨hai 叶ye 烟yan 奸jian 渣zha 谤bang 诽fei 屠tu 劫jie 税shui 售shou 卖mai ' +
  '赔pei 退tui 保bao 险xian 提ti 额e 逾yu 期qi 修xiu 活huo 不bu 外wai 代dai ' +
  // v6: the pretext and instruction signals' characters (ADR 0031 addendum 2).
  '通tong 缉ji 猪zhu 肉rou 审shen 补bu 偿chang 封feng 校xiao 试shi 清qing 告gao 诉su 垫dian 收shou 益yi 任ren 务wu 社she 派pai 送song 认ren 效xiao 搬ban 砖zhuan 跑pao 租zu';

/** Character → its pinyin syllable (first reading listed wins). */
export const PINYIN: ReadonlyMap<number, string> = (() => {
  const map = new Map<number, string>();
  for (const entry of PINYIN_ENTRIES.split(' ')) {
    const [ch, ...rest] = Array.from(entry);
    const syllable = rest.join('');
    if (!/^[a-z]+$/.test(syllable)) throw new Error(`Bad pinyin entry: ${entry}`);
    const cp = ch.codePointAt(0) ?? 0;
    if (!map.has(cp)) map.set(cp, syllable);
  }
  return map;
})();
