/**
 * Charts of the calculators' results, decoded and looked at pixel by pixel: size, not blank, one
 * colour per party, and the Chinese labels drawn as real glyphs of the bundled font.
 */
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { estimateChartPng, estimateChartSpec, renderPng, renderSvg, splitChartPng, splitChartSpec } from '../src/charts';
import { chartFontFile, CJK_FONT_FAMILY } from '../src/charts/font';
import { PARTY_COLOURS } from '../src/charts/palette';
import { computeSplit, estimateOutput, splitFromText } from '../src/tools';
import { countColour, decodePng, distinctColours, inkIn, inkPattern, textPosition } from './helpers/png';

const buffered = computeSplit({
  revenue: 10_000_000,
  indicator: '税收',
  parties: [{ name: '飞出地', share: 6 }, { name: '飞入地', share: 4 }],
  transition: { years: 5, from: { 飞出地: 9, 飞入地: 1 } },
});

/** A one-line SVG of `text` in the chart font, rasterised with or without the font loaded. */
function textPng(text: string, withFont: boolean) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><text x="10" y="45" style="font-size:40px;font-family:${CJK_FONT_FAMILY}">${text}</text></svg>`;
  const font = withFont ? { fontFiles: [chartFontFile()], loadSystemFonts: false, defaultFontFamily: CJK_FONT_FAMILY } : { loadSystemFonts: false };
  return decodePng(new Resvg(svg, { font, background: '#ffffff' }).render().asPng());
}

describe('the bundled CJK font', () => {
  it('draws Chinese characters as distinct glyphs (not boxes), and nothing without it', () => {
    const box = { x0: 0, y0: 0, x1: 200, y1: 60 };
    const qu = textPng('衢州', true);
    const hang = textPng('杭州', true);
    expect(inkIn(qu, box)).toBeGreaterThan(150);
    expect(inkIn(hang, box)).toBeGreaterThan(150);
    // A missing glyph is drawn as the same empty box for every character; real glyphs differ.
    expect(inkPattern(qu, { x0: 10, y0: 5, x1: 50, y1: 55 })).not.toBe(inkPattern(hang, { x0: 10, y0: 5, x1: 50, y1: 55 }));
    // The right half (州) is the same glyph in both.
    expect(inkPattern(qu, { x0: 50, y0: 5, x1: 90, y1: 55 })).toBe(inkPattern(hang, { x0: 50, y0: 5, x1: 90, y1: 55 }));
    expect(inkIn(textPng('衢州', false), box)).toBe(0);
  });
});

describe('split chart', () => {
  it('one year: a wide PNG, one bar per party in its own colour, the Chinese names drawn under the bars', async () => {
    const result = splitFromText('衢州 60% 杭州 40% 税收 1.5亿');
    const spec = splitChartSpec(result, 'zh');
    const svg = renderSvg(spec);
    const img = decodePng(await renderPng(spec));
    expect(img.width).toBeGreaterThanOrEqual(600);
    expect(img.height).toBeGreaterThan(300);
    expect(distinctColours(img)).toBeGreaterThan(20);
    // Bars are in proportion to the amounts (60 : 40): the pixel areas of the two colours say so.
    const a = countColour(img, PARTY_COLOURS[0]);
    const b = countColour(img, PARTY_COLOURS[1]);
    expect(a).toBeGreaterThan(10_000);
    expect(a / b).toBeCloseTo(1.5, 1);
    expect(countColour(img, PARTY_COLOURS[2])).toBe(0);
    // Labels: names, amounts in 万元 and shares, drawn with ink where the SVG put them.
    for (const label of ['衢州', '杭州', '9,000万元', '6,000万元', '60%', '40%']) {
      const at = textPosition(svg, label);
      expect(at, label).toBeDefined();
      expect(inkIn(img, { x0: at!.x - 40, y0: at!.y - 14, x1: at!.x + 40, y1: at!.y + 14 }), label).toBeGreaterThan(30);
    }
    expect(svg).toContain('收益分成：税收');
    expect(svg).toContain('合计 1.5亿元');
  });

  it('the two names are drawn as different glyphs (real characters, not boxes)', async () => {
    const spec = splitChartSpec(splitFromText('衢州 60% 杭州 40% 税收 1.5亿'), 'zh');
    const svg = renderSvg(spec);
    const img = decodePng(await renderPng(spec));
    const box = (label: string) => {
      const at = textPosition(svg, label)!;
      return { x0: at.x - 24, y0: at.y - 13, x1: at.x, y1: at.y + 13 };
    };
    expect(inkPattern(img, box('衢州'))).not.toBe(inkPattern(img, box('杭州')));
  });

  it('buffer years: one bar group per year, a bar per party per year, the target ratio marked', async () => {
    const spec = splitChartSpec(buffered, 'zh');
    const option = spec.option as any;
    expect(option.xAxis.data).toEqual(['第1年', '第2年', '第3年', '第4年', '第5年']);
    const bars = option.series.filter((s: any) => s.type === 'bar');
    expect(bars.map((s: any) => s.name)).toEqual(['飞出地', '飞入地']);
    expect(bars[0].data.map((v: number) => v * 1e4)).toEqual(buffered.schedule!.map((r) => r.amounts['飞出地']));
    const lines = option.series.filter((s: any) => s.type === 'line');
    expect(lines.map((l: any) => l.markLine.data[0].yAxis)).toEqual([60, 40]);
    const svg = renderSvg(spec);
    expect(svg).toContain('飞出地 目标 60%');
    const img = decodePng(await renderPng(spec));
    expect(img.width).toBeGreaterThanOrEqual(600);
    for (const year of ['第1年', '第5年']) {
      const at = textPosition(svg, year)!;
      expect(inkIn(img, { x0: at.x - 30, y0: at.y - 12, x1: at.x + 30, y1: at.y + 12 }), year).toBeGreaterThan(30);
    }
    expect(countColour(img, PARTY_COLOURS[0])).toBeGreaterThan(5_000);
    expect(countColour(img, PARTY_COLOURS[1])).toBeGreaterThan(2_000);
  });

  it('charts any schedule the calculator may return: rows with labels, missing shares, a new party', () => {
    const spec = splitChartSpec(
      {
        shares: { A: 0.5, B: 0.5 },
        amounts: { A: 50, B: 50 },
        schedule: [
          { year: 1, label: '一期', amounts: { A: 80, B: 20 }, phase: 1 },
          { year: 2, label: '二期', amounts: { A: 50, B: 40, C: 10 } },
        ],
      },
      'en',
    );
    const option = spec.option as any;
    expect(option.xAxis.data).toEqual(['一期', '二期']);
    expect(option.series.map((s: any) => `${s.type}:${s.name}`)).toEqual(['bar:A', 'bar:B', 'bar:C']);
    expect(option.series[2].data).toEqual([0, 10]);
  });

  it('ten parties get ten distinct colours', async () => {
    const parties = Array.from({ length: 10 }, (_, i) => ({ name: `第${i + 1}方`, share: 1 }));
    const img = decodePng(await splitChartPng(computeSplit({ revenue: 1_000_000, parties }), 'zh'));
    expect(new Set(PARTY_COLOURS).size).toBe(10);
    for (const c of PARTY_COLOURS) expect(countColour(img, c), c).toBeGreaterThan(1_000);
  });

  it('English charts use English words and million yuan', () => {
    const svg = renderSvg(splitChartSpec(splitFromText('衢州 60% 杭州 40% 税收 1.5亿'), 'en'));
    expect(svg).toContain('Benefit split: 税收');
    expect(svg).toContain('90 million yuan');
    expect(svg).not.toContain('万元');
  });

  it('party names with markup characters are drawn as text (the SVG stays well-formed)', async () => {
    const result = computeSplit({ revenue: 1000, parties: [{ name: '<b>A</b>', share: 1 }, { name: 'B&C "q"', share: 1 }] });
    const svg = renderSvg(splitChartSpec(result, 'zh'));
    expect(svg).toContain('&lt;b&gt;A&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
    const img = decodePng(await splitChartPng(result, 'zh'));
    expect(countColour(img, PARTY_COLOURS[0])).toBeGreaterThan(10_000);
  });

  it('refuses data that is not a split result', () => {
    expect(() => splitChartSpec({ shares: 'x' }, 'zh')).toThrow();
  });
});

describe('estimate chart', () => {
  it('shows the figure and the inputs it came from', async () => {
    const input = { area: { km2: 2 }, outputPerMu: 250, unit: '万元' };
    const data = { ...input, ...estimateOutput(input) };
    const svg = renderSvg(estimateChartSpec(data, 'zh'));
    for (const s of ['产出估算', '2 平方公里', '= 3,000 亩', '250', '万元/亩', '750,000 万元', '= 75亿元']) expect(svg, s).toContain(s);
    const img = decodePng(await estimateChartPng(data, 'zh'));
    expect(img.width).toBeGreaterThanOrEqual(600);
    const at = textPosition(svg, '750,000 万元')!;
    expect(inkIn(img, { x0: at.x - 100, y0: at.y - 20, x1: at.x + 100, y1: at.y + 20 })).toBeGreaterThan(300);
    expect(countColour(img, '#1f6fd1')).toBeGreaterThan(500); // the highlighted figure and its card's border
  });
});

describe('amount units', () => {
  it('万元 from 10,000 元, 亿元 from 10亿; million / billion yuan in English', async () => {
    const { amountUnit, formatAmount } = await import('../src/charts/units');
    expect(amountUnit(9_999, 'zh').name).toBe('元');
    expect(amountUnit(90_000_000, 'zh').name).toBe('万元');
    expect(amountUnit(5e13, 'zh').name).toBe('亿元');
    expect(formatAmount(90_000_000, amountUnit(90_000_000, 'zh'))).toBe('9,000万元');
    expect(formatAmount(12_345.67, amountUnit(12_345.67, 'zh'))).toBe('1.2346万元');
    expect(amountUnit(5e5, 'en').name).toBe('yuan');
    expect(amountUnit(9e7, 'en').name).toBe('million yuan');
    expect(amountUnit(5e13, 'en').name).toBe('billion yuan');
  });
});
