import { describe, expect, it } from 'vitest';
import { UserError } from '../src/errors';
import { parseNumeral } from '../src/tools/cn-number';
import { parseSplitText, splitFromText } from '../src/tools/split-text';
import { contains, cutPlaces, placeNamed } from '../src/places/lexicon';

describe('Chinese and mixed numerals', () => {
  it.each([
    ['一千二百万', 12_000_000],
    ['1.5亿', 150_000_000],
    ['两亿', 200_000_000],
    ['一亿五千万', 150_000_000],
    ['1亿5000万', 150_000_000],
    ['3千万', 30_000_000],
    ['一万二', 12_000],
    ['一百零五', 105],
    ['十五', 15],
    ['二十', 20],
    ['一点五亿', 150_000_000],
    ['2400万', 24_000_000],
  ])('%s = %d', (text, value) => {
    expect(parseNumeral(text)?.toNumber()).toBe(value);
  });

  it('rejects what is not a numeral', () => {
    expect(parseNumeral('衢州')).toBeUndefined();
    expect(parseNumeral('')).toBeUndefined();
  });
});

describe('chat text as officials type it', () => {
  const ok = (text: string) => {
    const r = parseSplitText(text);
    if (!r.ok) throw new Error(`not parsed: ${r.message}`);
    return r;
  };

  it('衢州 60% 杭州 40% 税收 1.5亿', () => {
    const r = ok('衢州 60% 杭州 40% 税收 1.5亿');
    expect(r.input).toEqual({ revenue: 150_000_000, indicator: '税收', parties: [{ name: '衢州', share: 60 }, { name: '杭州', share: 40 }] });
    expect(splitFromText('衢州 60% 杭州 40% 税收 1.5亿').amounts).toEqual({ 衢州: 90_000_000, 杭州: 60_000_000 });
  });

  it('五五分成 2400万: default names 飞出地 / 飞入地', () => {
    const r = splitFromText('五五分成 2400万');
    expect(r.amounts).toEqual({ 飞出地: 12_000_000, 飞入地: 12_000_000 });
    expect(r.steps.join()).toContain('飞出地');
  });

  it('六四分成 1000万元: the first number goes to 飞出地, and the steps say so', () => {
    const r = splitFromText('六四分成 1000万元');
    expect(r.amounts).toEqual({ 飞出地: 6_000_000, 飞入地: 4_000_000 });
    expect(r.steps[0]).toContain('1000万元 = 10,000,000 元');
    expect(r.steps.some((s) => /第一个数字归飞出地/.test(s))).toBe(true);
  });

  it('三七开 300万', () => {
    expect(splitFromText('三七开 300万').amounts).toEqual({ 飞出地: 900_000, 飞入地: 2_100_000 });
  });

  it('甲 三成 乙 七成 收入 200万', () => {
    const r = ok('甲 三成 乙 七成 收入 200万');
    expect(r.input.parties).toEqual([{ name: '甲', share: 3 }, { name: '乙', share: 7 }]);
    expect(r.input.indicator).toBe('收入');
    expect(splitFromText('甲 三成 乙 七成 收入 200万').amounts).toEqual({ 甲: 600_000, 乙: 1_400_000 });
  });

  it('起始飞地 5 中继飞地 3 终端飞地 2 分 1000万元', () => {
    const r = ok('起始飞地 5 中继飞地 3 终端飞地 2 分 1000万元');
    expect(r.input.parties.map((p) => [p.name, p.role, p.share])).toEqual([
      ['起始飞地', '起始飞地', 5],
      ['中继飞地', '中继飞地', 3],
      ['终端飞地', '终端飞地', 2],
    ]);
    expect(splitFromText('起始飞地 5 中继飞地 3 终端飞地 2 分 1000万元').amounts).toEqual({ 起始飞地: 5e6, 中继飞地: 3e6, 终端飞地: 2e6 });
  });

  it.each([
    ['6:4 分成 500万', { 飞出地: 3e6, 飞入地: 2e6 }],
    ['6：4分成 一千二百万', { 飞出地: 7.2e6, 飞入地: 4.8e6 }],
    ['60%/40% 1000万', { 飞出地: 6e6, 飞入地: 4e6 }],
    ['衢州和杭州五五分成2400万', { 衢州: 1.2e7, 杭州: 1.2e7 }],
    ['衢州 杭州 四六分成 1000万', { 衢州: 4e6, 杭州: 6e6 }],
    ['衢州占60%，杭州占40%，税收1.5亿元', { 衢州: 9e7, 杭州: 6e7 }],
    ['三门县 六成 杭州 四成 GDP 两亿', { 三门县: 1.2e8, 杭州: 8e7 }],
    ['甲乙三七分 300万', { 甲: 9e5, 乙: 2.1e6 }],
    ['1,000万 四六分成', { 飞出地: 4e6, 飞入地: 6e6 }],
    ['Quzhou 60% Hangzhou 40% tax 150 million', { Quzhou: 9e7, Hangzhou: 6e7 }],
    ['split 60/40 of 10 million yuan', { 飞出地: 6e6, 飞入地: 4e6 }],
  ])('%s', (text, amounts) => {
    expect(splitFromText(text).amounts).toEqual(amounts);
  });

  it('reads a floor (保底) and a baseline (基数 … 归 …)', () => {
    expect(ok('村集体 10% 保底 100万 开发区 90% 收入 800万').input.parties[0]).toEqual({ name: '村集体', share: 10, floor: 1_000_000 });
    const r = splitFromText('衢州 5 杭州 5 基数 200万 归衢州 收入 1000万');
    expect(r.amounts).toEqual({ 衢州: 6_000_000, 杭州: 4_000_000 });
  });
});

describe('missing or ambiguous text: say what is missing, with an example, never guess', () => {
  it.each([
    ['60%/40%', 'revenue', /金额/],
    ['分成 1000万', 'ratio', /比例/],
    ['衢州 60% 1000万', 'parties', /另一方/],
    ['衢州 60% 杭州 30% 1000万', 'ratio', /合计是 90%/],
    ['甲 三成 乙 六成 100万', 'ratio', /十成/],
    ['1000万 2000万 六四分成', 'revenue', /2 个金额/],
    ['衢州 杭州 丽水 六四分成 1000万', 'parties', /对不上/],
    ['今天天气怎么样', 'ratio', /没有找到分成比例和金额/],
    ['', 'ratio', /没有内容/],
    ['60/40 split', 'revenue', /amount to split is missing/],
    ['衢州 60%', 'parties', /只写了一方（衢州），另一方是谁/],
  ])('%s → missing %s', (text, missing, re) => {
    const r = parseSplitText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missing).toContain(missing);
    expect(r.message).toMatch(re);
    expect(r.example.length).toBeGreaterThan(0);
    expect(parseSplitText(r.example).ok || r.example.includes(text)).toBe(true);
  });

  it('one party with a share and one without: the other gets the rest, and the steps say so', () => {
    const r = splitFromText('衢州 60% 杭州 1000万');
    expect(r.amounts).toEqual({ 衢州: 6_000_000, 杭州: 4_000_000 });
    expect(r.steps.some((s) => /杭州 得其余部分：100 − 60 = 40%/.test(s))).toBe(true);
  });

  it('splitFromText turns a missing piece into one UserError line with an example', () => {
    expect(() => splitFromText('60%/40%')).toThrow(UserError);
    try {
      splitFromText('六四分成');
    } catch (e) {
      expect((e as Error).message).toMatch(/例如/);
      expect((e as Error).message).not.toContain('\n');
    }
  });
});

describe('sentence classes from the first blind batch (each checked on forms the batch did not use)', () => {
  const yearly = (text: string) => splitFromText(text).schedule?.map((y) => y.amounts);

  it('a glide names its first and last year: 缓冲期N年从A过渡到B is A in year 1 and B in year N, equal steps', () => {
    expect(yearly('缓冲期4年从十比零过渡到七三，每年税收1000万')).toEqual([
      { 飞出地: 10_000_000, 飞入地: 0 },
      { 飞出地: 9_000_000, 飞入地: 1_000_000 },
      { 飞出地: 8_000_000, 飞入地: 2_000_000 },
      { 飞出地: 7_000_000, 飞入地: 3_000_000 },
    ]);
    // the calculator's own JSON glide keeps its reading (year y = start + (target − start) × y/N)
    const steps = splitFromText('缓冲期2年从八二过渡到六四，税收100万').steps.join('\n');
    expect(steps).toMatch(/第 1 年按 八二/);
  });

  it('which party the first number of a ratio belongs to, said after it', () => {
    expect(splitFromText('衢州和杭州三七分（杭州为前者），税收1000万').amounts).toEqual({ 衢州: 7_000_000, 杭州: 3_000_000 });
    expect(splitFromText('衢州、杭州八二开，衢州为后者，税收1000万').amounts).toEqual({ 衢州: 2_000_000, 杭州: 8_000_000 });
    expect(splitFromText('Split 60/40 between Quzhou and Hangzhou (Hangzhou gets the first number), tax 10 million yuan').amounts).toEqual({ Quzhou: 4_000_000, Hangzhou: 6_000_000 });
  });

  it('bare digits after each party name are tenths', () => {
    expect(splitFromText('衢州七杭州三分，税收1000万').amounts).toEqual({ 衢州: 7_000_000, 杭州: 3_000_000 });
    expect(splitFromText('运营公司保底50万，其余按衢州三杭州七分，收益550万').amounts).toEqual({ 运营公司: 500_000, 衢州: 1_500_000, 杭州: 3_500_000 });
  });

  it('a party named by its verb phrase or its means of contribution; a contribution or floor without an amount is asked for', () => {
    expect(splitFromText('衢州投了3000万，杭州出资1000万，利润400万按投入比例分').amounts).toEqual({ 衢州: 3_000_000, 杭州: 1_000_000 });
    expect(splitFromText('衢州出资3000万，合作社以土地入股折1000万，分红400万按出资比例分').amounts).toEqual({ 衢州: 3_000_000, 合作社: 1_000_000 });
    expect(() => splitFromText('利润400万按出资比例分，衢州出资3000万，杭州也出了地')).toThrow(/杭州.*金额/);
    expect(() => splitFromText('运营公司保底，其余衢州杭州六四分，收益500万')).toThrow(/运营公司保底多少/);
  });

  it('two role names written together, and two places named together then each alone, are two parties', () => {
    expect(splitFromText('飞入地飞出地3:7，税收1000万').amounts).toEqual({ 飞入地: 3_000_000, 飞出地: 7_000_000 });
    expect(yearly('衢州杭州飞地：前2年衢州拿八成，之后对半，剩下的给杭州，每年税收100万，算到第3年')).toEqual([
      { 衢州: 800_000, 杭州: 200_000 },
      { 衢州: 800_000, 杭州: 200_000 },
      { 衢州: 500_000, 杭州: 500_000 },
    ]);
  });

  it('a baseline left (留) with a party, and the role noun of the park committee', () => {
    expect(splitFromText('基数200万留杭州，增量部分衢州拿七成、杭州拿三成，税收1200万').amounts).toEqual({ 杭州: 5_000_000, 衢州: 7_000_000 });
    expect(splitFromText('衢州五成、开发区管委会三成、村集体二成，收益1000万').amounts).toEqual({ 衢州: 5_000_000, 开发区管委会: 3_000_000, 村集体: 2_000_000 });
  });

  it('a role noun is a whole party name: no word before or after it joins it', () => {
    // the batch's sentences are 飞入地保留基数… and …省里的口径飞出地得七成…
    expect(splitFromText('飞出地保留基数500万，超出部分两边五五分，税收1500万').amounts).toEqual({ 飞出地: 10_000_000, 飞入地: 5_000_000 });
    expect(splitFromText('税收2000万，按文件规定的比例飞入地得四成，其余归飞出地').amounts).toEqual({ 飞入地: 8_000_000, 飞出地: 12_000_000 });
    expect(splitFromText('衢州管委会六成，杭州四成，收益100万').amounts).toEqual({ 衢州管委会: 600_000, 杭州: 400_000 });
  });

  it('places of one administrative level written together are a list; a city and its district are one place', () => {
    expect(splitFromText('C县D县三七分，收益1000万').amounts).toEqual({ C县: 3_000_000, D县: 7_000_000 });
    expect(splitFromText('青田县景宁县五五开，税收600万').amounts).toEqual({ 青田县: 3_000_000, 景宁县: 3_000_000 });
    expect(splitFromText('衢州市柯城区拿六成，杭州市拿四成，税收100万').amounts).toEqual({ 衢州市柯城区: 600_000, 杭州市: 400_000 });
  });

  it("a share said for one of a listed ratio's parties says which part is whose", () => {
    expect(splitFromText('衢州和杭州二八分，衢州拿8，税收1000万').amounts).toEqual({ 衢州: 8_000_000, 杭州: 2_000_000 });
    expect(splitFromText('运营公司先拿100万，其余衢州、杭州四六开（杭州拿四），利润1100万').amounts).toEqual({ 运营公司: 1_000_000, 衢州: 6_000_000, 杭州: 4_000_000 });
    expect(splitFromText('衢州和杭州六四分，衢州拿六，税收1000万').amounts).toEqual({ 衢州: 6_000_000, 杭州: 4_000_000 });
  });

  it('town, county and city governments and village committees are parties', () => {
    expect(splitFromText('乡政府、村委会、合作社按6:3:1分，分红200万').amounts).toEqual({ 乡政府: 1_200_000, 村委会: 600_000, 合作社: 200_000 });
    expect(splitFromText('县政府和市政府四六分，收益100万').amounts).toEqual({ 县政府: 400_000, 市政府: 600_000 });
  });

  it('shares counted in parts (份) after each party', () => {
    expect(splitFromText('利润90万，衢州拿2份，杭州拿1份').amounts).toEqual({ 衢州: 600_000, 杭州: 300_000 });
    expect(splitFromText('税收100万，东村三份西村一份南村一份').amounts).toEqual({ 东村: 600_000, 西村: 200_000, 南村: 200_000 });
  });

  it('a glide written in tenths (从九成降到六成), with or without the party it belongs to', () => {
    expect(yearly('过渡期3年，衢州从九成降到六成，其余归杭州，每年税收100万')).toEqual([
      { 衢州: 900_000, 杭州: 100_000 },
      { 衢州: 750_000, 杭州: 250_000 },
      { 衢州: 600_000, 杭州: 400_000 },
    ]);
    expect(yearly('缓冲期3年从八成过渡到五成，每年税收100万')).toEqual([
      { 飞出地: 800_000, 飞入地: 200_000 },
      { 飞出地: 650_000, 飞入地: 350_000 },
      { 飞出地: 500_000, 飞入地: 500_000 },
    ]);
  });

  it('English role nouns have one spelling wherever they stand; committees and governments are parties', () => {
    expect(splitFromText('Receiving area 30%, sending area 70%, tax 2 million yuan').amounts).toEqual({ 'receiving area': 600_000, 'sending area': 1_400_000 });
    expect(splitFromText('Split 3 million yuan of profit 2:1 between the town government and the management committee').amounts).toEqual({ 'town government': 2_000_000, 'management committee': 1_000_000 });
  });

  it('a second figure for the total set against the first (但是 …, but …) is asked about, not ignored', () => {
    const r = parseSplitText('利润500万，不过审计的结果是480万，衢州和杭州五五分');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.question?.kind).toBe('two_totals');
    expect(() => splitFromText('Tax revenue is 8 million yuan, but the finance bureau reports 8.5 million; split 60/40 between Quzhou and Hangzhou')).toThrow(/2 amounts/);
    // a floor in the contrasting clause is still a floor
    expect(splitFromText('税收1000万，但是村集体保底100万，其余衢州和杭州六四分').amounts).toEqual({ 村集体: 1_000_000, 衢州: 5_400_000, 杭州: 3_600_000 });
  });
});

describe('split text: blind batch 3 classes (names, lists of roles, contributions and corrections)', () => {
  it('a party is never named after the function word before it (归/给/由 glued to an unknown name)', () => {
    expect(splitFromText('丁县拿七成，其余归戊县，收益100万').amounts).toEqual({ 丁县: 700_000, 戊县: 300_000 });
    expect(splitFromText('由丙公司拿三成，丁县七成，共100万').amounts).toEqual({ 丙公司: 300_000, 丁县: 700_000 });
  });

  it('a town or county prefix belongs to the name; a park name ending in 园区 and 园区公司 are one party each', () => {
    expect(splitFromText('红岭镇和县交投公司合作，红岭镇拿四成，县交投公司拿六成，共100万').amounts).toEqual({ 红岭镇: 400_000, 县交投公司: 600_000 });
    expect(splitFromText('昆山工业园区55%，淮安45%，合计1亿').amounts).toEqual({ 昆山工业园区: 55_000_000, 淮安: 45_000_000 });
    expect(splitFromText('财政局七成、园区公司三成，共200万').amounts).toEqual({ 财政局: 1_400_000, 园区公司: 600_000 });
  });

  it('a list of parties closed by N方 is those parties, role nouns included', () => {
    expect(splitFromText('飞出地、飞入地、合作社三方按5:3:2分100万').amounts).toEqual({ 飞出地: 500_000, 飞入地: 300_000, 合作社: 200_000 });
    expect(splitFromText('镇政府、管委会、村集体、平台公司四方按3:3:2:2分500万').amounts).toEqual({ 镇政府: 1_500_000, 管委会: 1_500_000, 村集体: 1_000_000, 平台公司: 1_000_000 });
  });

  it('a contribution said without its amount (也出了一些) is asked for, never counted as nothing', () => {
    expect(() => splitFromText('收益按出资比例分，甲公司出资500万，乙公司也出了一些，总收益200万')).toThrow(/乙公司.*金额/);
    expect(() => splitFromText('收益按出资比例分，甲公司出资500万，乙公司也出了一部分，总收益200万')).toThrow(/乙公司.*金额/);
    // a party in a contribution split with no contribution said at all is asked about the same way
    expect(() => splitFromText('收益按出资比例分，甲公司出资500万，乙公司也有份，总收益200万')).toThrow(/乙公司.*金额/);
  });

  it('a total taken back (哦不对 / 说错了, 是 …) gives two totals to choose from', () => {
    for (const text of ['利润800万，哦不对，应该是900万，衢州和杭州五五分', '收益300万，说错了，是350万，飞出地飞入地七三分']) {
      const r = parseSplitText(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.question?.kind).toBe('two_totals');
    }
  });
});

describe('split text: blind batch 3 classes (floors, baselines, glides, the amount named as a base)', () => {
  it('保底给 X: the floor goes to the party named after 给', () => {
    const r = splitFromText('收入300万，先保底给村委会30万，剩下的乡政府和平台公司三七分，乡政府拿三成');
    expect(r.amounts).toEqual({ 村委会: 300_000, 乡政府: 810_000, 平台公司: 1_890_000 });
  });

  it('基数部分全归 X with X also in the ratio on the increment (restated in brackets) is one party', () => {
    const r = splitFromText('以去年税收500万为基数，基数部分全归丽水市，增量部分丽水市和宁波市四六分（丽水市四、宁波市六），今年税收900万');
    expect(r.amounts).toEqual({ 丽水市: 6_600_000, 宁波市: 2_400_000 });
  });

  it('the party a glide starts from is a party whatever its name looks like; a possessive is not part of a name', () => {
    const r = parseSplitText('缓冲期4年，丙县占比从80%过渡到50%，其余归丁县，每年税收600万');
    expect(r.ok && r.input.parties.map((p) => p.name).sort()).toEqual(['丁县', '丙县']);
    const en = parseSplitText("Quzhou's share is 70% and Lishui's 30%, tax 1 million yuan");
    expect(en.ok && en.input.parties.map((p) => p.name)).toEqual(['Quzhou', 'Lishui']);
  });

  it('分成基数 / 分配基数 name the amount that is split', () => {
    expect(splitFromText('甲县占60%，乙县占40%，分配基数1,234.56万元').amounts).toEqual({ 甲县: 7_407_360, 乙县: 4_938_240 });
  });
});

describe('split text: blind batch 4 classes (names typed together, Traditional text, yearly amounts, sizes, 对方)', () => {
  const ok = (text: string) => {
    const r = parseSplitText(text);
    if (!r.ok) throw new Error(`not parsed: ${r.message}`);
    return r;
  };
  const refused = (text: string) => {
    const r = parseSplitText(text);
    if (r.ok) throw new Error(`parsed: ${JSON.stringify(r.input)}`);
    return r;
  };

  it('names typed together are cut into a list only when the ratio or count after them says that many parties', () => {
    expect(ok('丽水温州六四分成 税收100万').input.parties.map((p) => p.name)).toEqual(['丽水', '温州']);
    expect(ok('税收300万 衢州开化常山三家平分').input.parties.map((p) => p.name)).toEqual(['衢州', '开化', '常山']);
    expect(ok('收益90万 村集体运营公司二一分').input.parties.map((p) => [p.name, p.share])).toEqual([['村集体', 2], ['运营公司', 1]]);
    // a two-part ratio after three pieces does not fit: nothing is cut, the mismatch is asked about
    expect(refused('衢州杭州丽水六四分 税收100万').missing).toEqual(['parties']);
    // a city and its district are one place, whatever the ratio says
    expect(refused('衢州市柯城区六四分 税收1000万').missing).toEqual(['parties']);
  });

  it("a place's own body or zone stays with it (衢州高新区); names standing alone pair with the ratio said before them", () => {
    expect(refused('衢州高新区六四分成，税收100万').missing).toEqual(['parties']);
    expect(ok('衢州高新区杭州六四分成 税收100万').input.parties.map((p) => p.name)).toEqual(['衢州高新区', '杭州']);
    expect(splitFromText('每年税收100万，缓冲期两年从九一过渡到六四，丽水温州').schedule?.map((y) => y.amounts)).toEqual([
      { 丽水: 900_000, 温州: 100_000 },
      { 丽水: 600_000, 温州: 400_000 },
    ]);
  });

  it('Traditional text is read like Simplified; names keep the spelling typed, role nouns are terms with one spelling', () => {
    expect(splitFromText('稅收1000萬 溫州麗水七三開').amounts).toEqual({ 溫州: 7_000_000, 麗水: 3_000_000 });
    expect(splitFromText('基數200萬歸飛入地，超出部分兩邊對半，今年稅收600萬').amounts).toEqual({ 飞入地: 4_000_000, 飞出地: 2_000_000 });
    expect(splitFromText('村集體保底100萬，剩下的溫州和麗水六四分，收益1100萬').amounts).toEqual({ 村集体: 1_000_000, 溫州: 6_000_000, 麗水: 4_000_000 });
    // a question is shown in the characters typed; the answer behind its button is read as before
    const asked = parseSplitText('稅收一千萬，跟對方三七開，我們這邊是飛出地');
    if (asked.ok) throw new Error('computed');
    expect(asked.question?.zh).toBe('飛出地拿三成还是七成？');
    const answered = parseSplitText('稅收一千萬，跟對方三七開，我們這邊是飛出地', asked.question!.options[0].hints);
    expect(answered.ok && answered.input.parties.map((p) => [p.name, p.share])).toEqual([['飞出地', 3], ['飞入地', 7]]);
  });

  it('amounts by year give the schedule its revenue and its length; a skipped year is refused in one line', () => {
    const r = splitFromText('飞出地飞入地七三分，收益第一年100万第二年200万');
    expect(r.schedule?.map((y) => y.amounts)).toEqual([
      { 飞出地: 700_000, 飞入地: 300_000 },
      { 飞出地: 1_400_000, 飞入地: 600_000 },
    ]);
    const gap = refused('飞出地飞入地七三分，收益第一年100万第三年200万');
    expect(gap.missing).toEqual(['revenue']);
    expect(gap.message).not.toContain('\n');
  });

  it('the bigger or smaller part said for a party decides its part of a two-part ratio', () => {
    expect(splitFromText('衢州和杭州三七分，衢州多拿，税收100万').amounts).toEqual({ 衢州: 700_000, 杭州: 300_000 });
    expect(splitFromText('split 1 million yuan between Quzhou and Hangzhou 70/30, Quzhou gets the smaller part').amounts).toEqual({ Quzhou: 300_000, Hangzhou: 700_000 });
  });

  it('a ratio said with 对方 when only our own role is named is asked about, with both orders as answers', () => {
    const r = refused('税收100万，跟对方二八开，我们是飞入地');
    expect(r.question?.kind).toBe('ratio_owner');
    const answered = parseSplitText('税收100万，跟对方二八开，我们是飞入地', r.question!.options[0].hints);
    expect(answered.ok && answered.input.parties.map((p) => [p.name, p.share])).toEqual([['飞入地', 2], ['飞出地', 8]]);
    // an equal split needs no answer
    expect(splitFromText('税收100万，跟对方对半分，我们是飞入地').amounts).toEqual({ 飞入地: 500_000, 飞出地: 500_000 });
  });

  it('once the speaker says its role (我们是飞出地), "we" elsewhere is that role', () => {
    expect(splitFromText('我们是飞入地，跟对方二八开，我们拿二，税收100万').amounts).toEqual({ 飞入地: 200_000, 飞出地: 800_000 });
    // without that sentence "we" names nobody: the share is asked about
    expect(refused('跟对方二八开，我们拿二，税收100万').ok).toBe(false);
  });

  it('a bare amount beside the total that is nothing else is a second figure for it', () => {
    expect(refused('税收总额300万，财政局统计的是320万，衢州杭州六四分').question?.kind).toBe('two_totals');
  });

  it("the buffer's first- and last-year ratios are a glide's ends", () => {
    const r = splitFromText('缓冲期3年，飞出地第1年80%、第3年50%，中间均匀过渡，其余飞入地，每年税收100万');
    expect(r.schedule?.map((y) => y.amounts['飞出地'])).toEqual([800_000, 650_000, 500_000]);
  });
});

describe('issue 13, round 3: generalised mechanisms', () => {
  const refused = (text: string) => {
    const r = parseSplitText(text);
    if (r.ok) throw new Error(`parsed: ${JSON.stringify(r.input)}`);
    return r;
  };

  it('the lower places after 万/亿 belong to the amount, but a ratio or count word typed right after it does not', () => {
    expect(splitFromText('总额三十万五千 衢州杭州对半').amounts).toEqual({ 衢州: 152_500, 杭州: 152_500 });
    expect(splitFromText('税收一亿五 衢州杭州对半').amounts).toEqual({ 衢州: 75_000_000, 杭州: 75_000_000 });
    // 八十万三七开: 三七 is the ratio, not 3 7 of the amount's lower places
    expect(splitFromText('八十万三七开').amounts).toEqual({ 飞出地: 240_000, 飞入地: 560_000 });
    // 一千万四方平分: 四方 is the count of parties (four, unnamed: 甲乙丙丁), not 4000
    expect(splitFromText('一千万四方平分').amounts).toEqual({ 甲: 2_500_000, 乙: 2_500_000, 丙: 2_500_000, 丁: 2_500_000 });
  });

  it('a run of amounts is yearly revenue only with a per-year cue or as many years said; otherwise two totals are asked about', () => {
    expect(splitFromText('衢州杭州六四分，三年收益分别是100万、200万、300万').schedule?.map((y) => y.amounts['衢州'])).toEqual([600_000, 1_200_000, 1_800_000]);
    expect(refused('衢州杭州六四分，收益100万、200万').question?.kind).toBe('two_totals');
  });

  it("a floor beside a share of the whole tops the share up only when it is below the floor", () => {
    const below = splitFromText('税收100万，甲、乙、丙按2:5:3分，甲保底30万，其余两家按比例分剩下的').amounts;
    expect(below).toEqual({ 甲: 300_000, 乙: 437_500, 丙: 262_500 });
    const above = splitFromText('税收100万，甲、乙、丙按2:5:3分，甲保底10万，其余两家按比例分剩下的').amounts;
    expect(above).toEqual({ 甲: 200_000, 乙: 500_000, 丙: 300_000 });
  });

  it('places spoken of by kind but not named are asked about, not given the default role names', () => {
    expect(refused('税收600万，两个县按七三分').missing).toEqual(['parties']);
    expect(refused('split 6 million yuan 70/30 between the two counties').missing).toEqual(['parties']);
  });
});

describe('the place lexicon cuts places typed together (issue 13, round 4)', () => {
  it('cuts a run of known places by dynamic programming, with a level after a place kept with it', () => {
    expect(cutPlaces('柯城衢江')).toEqual(['柯城', '衢江']);
    expect(cutPlaces('开化县常山县江山市')).toEqual(['开化县', '常山县', '江山市']);
    expect(cutPlaces('龙泉庆元云和景宁')).toEqual(['龙泉', '庆元', '云和', '景宁']);
    // a list word jieba glued into 和平 is cut out only when asked to (the caller saw the glue)
    expect(cutPlaces('丽水和平湖', true)).toEqual(['丽水', '和', '平湖']);
    expect(cutPlaces('丽水和平湖')).toBeUndefined();
  });

  it('says nothing for one place, for text that is not wholly places, or for everyday words', () => {
    expect(cutPlaces('衢州市')).toBeUndefined();
    expect(cutPlaces('运营公司村集体')).toBeUndefined();
    expect(cutPlaces('合作开发')).toBeUndefined();
    expect(placeNamed('资源')).toBeUndefined();
    expect(placeNamed('景宁')).toBeDefined();
  });

  it('knows which place lies inside which', () => {
    expect(contains('衢州', '柯城')).toBe(true);
    expect(contains('浙江', '衢州')).toBe(true);
    expect(contains('柯城', '衢州')).toBe(false);
    expect(contains('杭州', '衢江')).toBe(false);
  });
});

describe('respectively lists give one value to each name in order (issue 13, round 4)', () => {
  it('shares, contributions and English alike', () => {
    expect(splitFromText('衢州、杭州、丽水分别拿50%、30%、20%，税收600万').amounts).toEqual({ 衢州: 3_000_000, 杭州: 1_800_000, 丽水: 1_200_000 });
    expect(splitFromText('东村、西村分别出资100万、300万，今年分红200万按出资比例分').amounts).toEqual({ 东村: 500_000, 西村: 1_500_000 });
    expect(splitFromText('Town A and Town B invested 3 million and 7 million yuan respectively; profit of 1 million yuan is shared by investment').amounts).toEqual({ 'Town A': 300_000, 'Town B': 700_000 });
  });

  it('leaves a count that does not match, or amounts without their cue, as they were', () => {
    // two names, one value: both get it (each 六成 is then refused as adding up to twelve tenths)
    expect(() => splitFromText('衢州和杭州分别拿六成 税收100万')).toThrow(/十成|成/);
    const r = parseSplitText('衢州和杭州 100万、200万 六四分');
    expect(r.ok).toBe(false);
  });
});

describe('a floor for a party that takes no part in the split (found by the fuzz test)', () => {
  it('is refused in one line naming the party, not a crash', () => {
    const r = parseSplitText('0A 保底 1000万 衢州 1B 60%');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/保底|floor/);
    expect(() => splitFromText('0A 保底 1000万 衢州 1B 60%')).toThrow(/保底|floor/);
  });
});
