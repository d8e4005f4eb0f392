/**
 * China's administrative places as a lexicon (for the split parser, and for the advisor to know a place the papers never name): every province, city and county
 * (GB/T 2260, from the @vant/area-data package), by its full name (衢州市, 开化县, 景宁畲族自治县) and by
 * its short name (衢州, 开化, 景宁). jieba does not know many county names (柯城, 衢江) and tags others
 * as verbs or numbers (开化/v, 三门/m), so names typed together (柯城衢江, 开化常山江山) are cut here by
 * dynamic programming over this lexicon instead. Codes say which place lies inside which (衢州 ⊃ 柯城),
 * so a place and a place inside it typed together stay one party (衢州柯城 is one place).
 */
import { areaList } from '@vant/area-data';

/** Short names that are everyday words first (资源县, 合作市, 和平区, 开发区 …): never read as a place from the lexicon. */
const EVERYDAY = new Set(
  '资源 合作 开发 工业园 和平 其它 将军 比如 南部 解放 东方 前进 港口 公安 友好 共和 城中 城东 城西 城南 城北 山上 友谊 平安 中方 安定 延长 光明 新兴 运河 万年 东风 淡水 南岸 工农 富裕 清水 万里 前锋 复兴 长子 宏伟 观音 平定 大树 温泉 向阳 振兴 三元 日照 大同 大方 新华 和县 莲花 平和 名山 大堂 建华 大观 二七 台前 太保 白云 城区 郊区 矿区 市中 东区 西区 南区 北区 中区 新区 新城 高新 经开 石首 通道 新建 长安 太平 永和 安化 正安 城关 中山 江北 江南 东城 西城 南城 北城 河东 河西 市辖 直辖 离岛 九龙 新界 桥头 港口 沙田 三角 民众 古镇 东升'.split(' '),
);

/** The suffixes that make a place's short name: a level, or an ethnic autonomy before one. */
const SHORT_NAME = /^(.{2,}?)(?:(?:[^族]{1,5}族|维吾尔)*自治[区州县旗]|特别行政区|地区|林区|[省市区县旗盟])$/;

interface Place {
  /** GB/T 2260 codes of every place spelled this way (朝阳 is in Beijing and in Liaoning). */
  codes: string[];
}

let lexicon: Map<string, Place> | undefined;
let longest = 0;

function load(): Map<string, Place> {
  if (lexicon) return lexicon;
  const map = new Map<string, Place>();
  const add = (name: string, code: string) => {
    if (name.length < 2 || EVERYDAY.has(name)) return;
    const p = map.get(name) ?? { codes: [] };
    p.codes.push(code);
    map.set(name, p);
    longest = Math.max(longest, name.length);
  };
  for (const list of [areaList.province_list, areaList.city_list, areaList.county_list])
    for (const [code, full] of Object.entries(list)) {
      // the placeholders of the data set (市辖区, 其它区, 省直辖县级行政区划) are no places, and its development
      // zones and towns (经济技术开发区, 高新区, 成功镇) are generic words or too fine for a lexicon of parties
      if (/直辖|其它|行政区划|开发区|园区|新区|实验区|管委会|高新|街道|[镇乡港]$|生态园|新城$/.test(full)) continue;
      add(full, code);
      add(full.replace(SHORT_NAME, '$1'), code);
    }
  lexicon = map;
  return map;
}

/** The place spelled exactly so (full or short name), else undefined. */
export function placeNamed(name: string): Place | undefined {
  return load().get(name);
}

/** Whether the name is a province's (浙江, 浙江省; codes ending 0000). */
export function isProvince(name: string): boolean {
  return !!placeNamed(name)?.codes.some((c) => c.endsWith('0000'));
}

/** The code prefix of a place's own area: 33 for a province, 3308 for a city, 330802 for a county. */
const areaPrefix = (code: string) => code.replace(/(00)+$/, '');

/** Whether some place spelled `outer` contains some place spelled `inner` (衢州 ⊃ 柯城, 浙江 ⊃ 衢州). */
export function contains(outer: string, inner: string): boolean {
  const a = placeNamed(outer);
  const b = placeNamed(inner);
  if (!a || !b) return false;
  return a.codes.some((x) => b.codes.some((y) => y !== x && y.startsWith(areaPrefix(x))));
}

/** A one-character list word that may stand between two places typed together. */
const JOINER = /^[和与及跟同]$/;

/** A level or body a place's name may carry on (开化县, 衢州市, 青山镇). */
const LEVEL_AFTER = /^(?:县|市|区|镇|乡|村)/;

/**
 * Han text cut into two or more places, each a known place with at most a level after it
 * (柯城衢江 → 柯城, 衢江; 开化县常山县 → 开化县, 常山县), by dynamic programming: the cut with the fewest
 * pieces wins; with `joiners`, a list word may stand between two places (丽水和平湖 → 丽水, 和, 平湖). Undefined
 * when the text is not wholly places (and list words) or is one place. Whether the pieces are
 * a list or one place (衢州柯城) is for the words after them to say (../names).
 */
export function cutPlaces(text: string, joiners = false): string[] | undefined {
  if (text.length < 4 || text.length > 40 || !/^\p{Script=Han}+$/u.test(text)) return undefined;
  load();
  // best[i]: the fewest pieces covering text[0, i), with the cut that gives it
  const best: Array<{ n: number; pieces: string[] } | undefined> = [{ n: 0, pieces: [] }];
  for (let i = 0; i < text.length; i++) {
    const here = best[i];
    if (!here) continue;
    // (with joiners: 丽水和平湖 → 丽水, 和, 平湖 — a list word between two places, which jieba read as 和平)
    if (joiners && here.n > 0 && JOINER.test(text[i]) && i + 1 < text.length) {
      const j = i + 1;
      if (!best[j] || best[j]!.n > here.n) best[j] = { n: here.n, pieces: [...here.pieces, text[i]] };
    }
    for (let len = Math.min(longest, text.length - i); len >= 2; len--) {
      const name = text.slice(i, i + len);
      if (!placeNamed(name)) continue;
      const level = LEVEL_AFTER.exec(text.slice(i + len))?.[0] ?? '';
      for (const piece of level && !placeNamed(name + level) ? [name + level, name] : [name]) {
        const j = i + piece.length;
        if (!best[j] || best[j]!.n > here.n + 1) best[j] = { n: here.n + 1, pieces: [...here.pieces, piece] };
      }
    }
  }
  const cut = best[text.length]?.pieces;
  return cut && cut.filter((p) => !JOINER.test(p)).length >= 2 ? cut : undefined;
}
