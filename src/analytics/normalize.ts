/**
 * Text normalisation that keeps every offset: each UTF-16 unit maps to exactly one unit, so a
 * span found in the normalised text is the same span in the text the caller gave.
 *
 * - full-width ASCII (ＯＫ, ９９６, ！) becomes ASCII, the ideographic space a space;
 * - ASCII letters become lower case (Burnout = burnout);
 * - traditional characters become simplified ones (壓力 = 压力) through a table of the
 *   characters interview texts use (about 610); a character the table does not know is kept.
 */

// Pairs: traditional, simplified. Only one-to-one mappings, so that lengths never change.
const TRADITIONAL_PAIRS =
  '設设備备經经線线壓压們们團团隊队會会對对這这個个為为與与並并從从來来後后時时間间' +
  '現现開开關关發发長长門门問问題题學学習习實实際际讓让說说話话請请認认識识議议論论' +
  '選选擇择課课試试驗验證证評评價价績绩級级紀纪約约結结統统給给組组織织維维護护質质' +
  '產产廠厂員员務务業业計计劃划週周轉转運运動动勞劳務务處处理理報报導导專专項项目目' +
  '標标準准確确達达過过還还進进遠远連连選选邊边錯错鐘钟鐵铁銷销售售額额資资費费貨货' +
  '購购賣卖買买質质負负責责貢贡獻献歡欢樂乐樣样機机構构檢检測测數数據据優优秀秀難难' +
  '壞坏廢废舊旧變变換换雜杂亂乱應应該该總总點点擊击幫帮當当盡尽夠够頭头腦脑氣气' +
  '電电腦脑網网絡络體体歲岁傷伤憂忧慮虑緊紧張张壓压睏困累累熬熬夜夜週周末末' +
  '隨随辦办補补貼贴獎奖勵励務务層层幹干滿满意意態态願愿覺觉觀观況况戰战爭争勝胜' +
  '敗败讀读寫写筆笔記记錄录帶带領领導导邊边戶户訂订單单號号碼码線线圖图畫画廣广' +
  '東东區区華华飛飞鳥鸟馬马車车輛辆軟软硬硬體体麼么嗎吗呢呢吧吧幾几兩两萬万億亿' +
  '雙双歷历史史義义於于齊齐臺台灣湾藝艺術术語语言言調调查查協协調调溝沟通通' +
  '親亲愛爱聽听見见覺觉醫医藥药療疗壽寿險险貸贷賬账錢钱銀银鄉乡鎮镇縣县區区' +
  '廳厅館馆樓楼層层園园場场辦办氣气燈灯爐炉熱热溫温濕湿淨净潔洁衛卫' +
  '頻频繁繁停停線线療疗顧顾慮虑誤误差差異异常常穩稳定定規规範范節节約约' +
  '續续簽签審审批批核核驗验收收據据稅税務务賠赔償偿損损虧亏盈盈餘余' +
  '衝冲擊击碰碰撞撞戲戏劇剧獨独立立離离職职辭辞退退休休聯联係系響响應应' +
  '龍龙蟲虫魚鱼麥麦豐丰嚴严厲厉歸归屬属權权輕轻鬆松緩缓慢慢寬宽闊阔' +
  '夥伙伴伴複复雜杂簡简單单決决斷断續续織织紙纸彈弹贊赞揚扬釋释擴扩' +
  '焦焦慮虑鬱郁悶闷瘋疯狂狂煩烦惱恼厭厌倦倦態态虛虚弱弱憊惫勁劲' +
  '飯饭館馆餐餐廳厅陳陈舊旧壽寿適适備备齡龄績绩獲获務务戶户蘭兰' +
  '爲为裏里峯峰羣群纔才誌志麪面鬥斗幣币託托准准淩凌據据' +
  '訴诉顯显減减緒绪聲声傳传訊讯隻只裡里鍵键擔担暫暂階阶觸触積积極极參参風风順顺驚惊嚇吓慣惯悅悦懷怀懶懒誰谁謝谢謂谓誠诚詳详談谈講讲貴贵賽赛趕赶軌轨較较輸输遲迟邏逻輯辑鏈链閱阅陣阵雖虽靜静韌韧頁页預预類类飽饱餓饿駕驾髮发鬧闹齒齿沒没無无夢梦紅红綠绿縮缩頓顿壇坛麗丽養养';

// More pairs, by what they are for: the words the alert rules and the sentiment lexicon match
// (撐 in 撐不下去, 潰 in 崩潰, 別 in 別的組, 輪 in 輪休…) and the common characters around them. Each
// pair was checked against the table above: no character is mapped twice.
const MORE_TRADITIONAL_PAIRS =
  // stress and strain
  '撐撑潰溃膽胆弔吊憤愤懼惧擾扰擋挡癱瘫瘓痪頂顶喪丧絕绝淚泪睜睁窩窝惡恶悵怅憐怜懨恹縈萦纏缠糾纠罵骂癢痒脅胁脹胀禍祸' +
  // time, shifts and overtime
  '晝昼輪轮閒闲閑闲曆历搶抢擠挤' +
  // people and groups
  '別别爺爷媽妈孫孙兒儿婦妇師师闆板僅仅倆俩軍军輩辈鄰邻' +
  // negation, past and resolution
  '復复須须' +
  // work and results
  '贏赢饋馈營营遞递棄弃詢询諮咨訪访庫库鋼钢鍋锅閥阀錶表儀仪診诊訓训練练彙汇擬拟攢攒拋抛掛挂搖摇撿捡殘残毀毁滅灭漲涨環环瑣琐畢毕競竞籌筹糧粮納纳純纯紛纷細细終终綁绑綜综編编繼继罰罚臨临舉举艱艰蓋盖裝装視视詞词諒谅謀谋讚赞貧贫貪贪販贩賺赚賴赖贈赠趨趋跡迹踐践躍跃載载輔辅農农違违遺遗針针鈕钮鎖锁閃闪閉闭隱隐騙骗驅驱驟骤徑径徵征攜携滯滞潛潜濟济盤盘礎础稱称綫线繞绕繪绘罷罢興兴製制討讨許许財财貿贸鋪铺鍊炼' +
  // everyday words
  '臉脸涼凉條条種种書书憶忆聰聪靈灵暢畅豔艳燒烧爛烂煙烟濃浓灑洒飢饥飲饮鮮鲜鳴鸣黃黄龜龟彎弯戀恋殺杀聖圣聞闻肅肃腳脚膠胶葉叶藍蓝蘋苹貝贝遊游醜丑陽阳陰阴雞鸡雲云霧雾顏颜騰腾骯肮髒脏騎骑';

const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<number, number> = (() => {
  const map = new Map<number, number>();
  const pairs = TRADITIONAL_PAIRS + MORE_TRADITIONAL_PAIRS;
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const from = pairs.charCodeAt(i);
    const to = pairs.charCodeAt(i + 1);
    if (from !== to) map.set(from, to);
  }
  return map;
})();

/** The text with full-width forms folded, ASCII in lower case and traditional characters simplified; same length. */
export function normalizeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
    else if (code === 0x3000) code = 0x20;
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    else if (code >= 0x3400) code = TRADITIONAL_TO_SIMPLIFIED.get(code) ?? code;
    out += String.fromCharCode(code);
  }
  return out;
}
