import { describe, expect, it } from 'vitest';
import { homophoneCorrector } from '../src/knowledge/homophones';
import { correctHomophones, normalizeInput } from '../src/knowledge/normalize';

describe('domain terms typed with a homophone', () => {
  it('reads a pinyin slip inside a domain term as the term', () => {
    expect(correctHomophones('科创走郎到底是个啥东西')).toContain('科创走廊');
    expect(correctHomophones('山区26县搞产业非地现在卡在哪')).toContain('产业飞地');
    expect(correctHomophones('飞地圆区拿地有多难')).toContain('飞地园区');
    expect(correctHomophones('生态补尝飞地是什么')).toContain('生态补偿飞地');
    expect(normalizeInput('反相飞地咋回事', { expand: false })).toBe('反向飞地怎么回事');
  });

  it('leaves real words alone, even when they sound like part of a term', () => {
    // 联动 / 联系 are words of their own, not slips for 产业链 / 创新链; 去年 is not 园区.
    for (const text of ['推进跨区域创新协作与产业联动', '较好的创新联系', '缙云在松江的飞地产业园去年税收多少', '运营公司只出管理']) {
      expect(correctHomophones(text)).toBe(text);
    }
  });

  it('needs the same sound, the first character right and no more than one slip in a short term', () => {
    const readings = new Map([['走', ['zou']], ['廊', ['lang']], ['郎', ['lang']], ['狼', ['lang']], ['科', ['ke']], ['可', ['ke']], ['创', ['chuang']], ['窗', ['chuang']], ['路', ['lu']]]);
    const fix = homophoneCorrector(['科创走廊'], (ch) => readings.get(ch), (t) => [...t]);
    expect(fix('科创走郎')).toBe('科创走廊');
    expect(fix('科创走路')).toBe('科创走路'); // 路 does not sound like 廊
    expect(fix('可创走廊')).toBe('可创走廊'); // the first character differs
    expect(fix('科窗走狼')).toBe('科窗走狼'); // two slips in a four-character term
  });

  it('goes down to two-character words only when asked, for a small closed vocabulary', () => {
    const readings = new Map([['保', ['bao']], ['底', ['di']], ['低', ['di']], ['分', ['fen']], ['层', ['ceng']], ['成', ['cheng']]]);
    const single = (t: string) => [...t];
    expect(homophoneCorrector(['保底'], (ch) => readings.get(ch), single)('保低100万')).toBe('保低100万');
    expect(homophoneCorrector(['保底'], (ch) => readings.get(ch), single, { minLength: 2 })('保低100万')).toBe('保底100万');
    // a slip that makes a word of its own in the text's segmentation stays
    expect(homophoneCorrector(['保底'], (ch) => readings.get(ch), () => ['保低', '100万'], { minLength: 2 })('保低100万')).toBe('保低100万');
  });
});
