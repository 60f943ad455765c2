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
  '結结嗎吗報报';

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
