import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../src/corpus/sentences';

const texts = (s: string) => splitSentences(s).map((x) => x.text);

describe('splitSentences', () => {
  it('splits Chinese at 。！？； keeping closing quotes and brackets with the sentence', () => {
    expect(texts('飞地经济是一种合作模式。它有三种类型！为什么？因为收益共享；成本共担。')).toEqual([
      '飞地经济是一种合作模式。',
      '它有三种类型！',
      '为什么？',
      '因为收益共享；',
      '成本共担。',
    ]);
    expect(texts('他说：“研发在杭州。”随后（见图1。）结束')).toEqual(['他说：“研发在杭州。”', '随后（见图1。）', '结束']);
    // A colon or comma does not end a sentence.
    expect(texts('主要包括：土地、资金，以及人才。')).toEqual(['主要包括：土地、资金，以及人才。']);
  });

  it('splits English at . ! ? followed by a space, but not inside numbers or after abbreviations', () => {
    expect(texts('GDP grew 2.1 percent in 2022. Parks cooperate, e.g. in Zhejiang. Is it enough? Yes!')).toEqual([
      'GDP grew 2.1 percent in 2022.',
      'Parks cooperate, e.g. in Zhejiang.',
      'Is it enough?',
      'Yes!',
    ]);
    expect(texts('See Fig. 3 and the U.S. case. It "works." Then')).toEqual(['See Fig. 3 and the U.S. case.', 'It "works."', 'Then']);
    expect(texts('版本3.0时代。1. 政策支持。')).toEqual(['版本3.0时代。', '1. 政策支持。']);
  });

  it('ends a sentence at a line break and mixes languages', () => {
    expect(texts('## 一、引言\n党的二十大报告明确提出要坚持开放。The corridor links east and west. 然后')).toEqual([
      '## 一、引言',
      '党的二十大报告明确提出要坚持开放。',
      'The corridor links east and west.',
      '然后',
    ]);
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('  \n\n ')).toEqual([]);
  });

  it('gives offsets into the input and never overlaps or loses non-space text', () => {
    const piece = fc.constantFrom('飞地', '经济', '。', '！', '？', '；', '”', '，', ' ', '\n', 'Park', '.', ' A', '2.1', 'e.g.', '（', '）');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const input = parts.join('');
        const out = splitSentences(input);
        let last = 0;
        for (const s of out) {
          expect(input.slice(s.start, s.end)).toBe(s.text);
          expect(s.text).toBe(s.text.trim());
          expect(s.text.length).toBeGreaterThan(0);
          expect(s.start).toBeGreaterThanOrEqual(last);
          last = s.end;
        }
        expect(out.map((s) => s.text).join('').replace(/\s/g, '')).toBe(input.replace(/\s/g, ''));
      }),
      { numRuns: 300 },
    );
  });
});
