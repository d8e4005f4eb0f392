import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectNumbers, extractNumbers, matchesAny } from '../src/llm/numbers';
import {
  citationNumbers,
  claimText,
  createLeakGuard,
  quotedSpans,
  completedPrefix,
  segmentAnswer,
  SentenceStream,
  verifyAnswer,
  type PassageRef,
  type VerifyContext,
} from '../src/llm/verify';
import { loadPrompts } from '../src/llm/prompts';

// Passages taken from the corpus (000 §五(四) and 001 §二(二)1.).
const P1: PassageRef = {
  n: 1,
  source: '000_ddc98753dae891fc.txt',
  title: '“飞地接力”模式下中国－东南亚产业链双向协同路径研究',
  section: '五、以“飞地接力”促中国-东南亚国家产业协同的政策建议 › （四）构建“共建共享、协同受益”的利益分配机制',
  text: '以建立长期稳定的利益共同体为导向，激发各方参与积极性。一是探索“基础保障 + 动态分成”机制，按照“共建共享、收益共担”的原则，结合各方在土地投入、设施配套、产业导入等方面的实际贡献，合理制定收益分配方案，既保障“飞出地”基本收益，也激励其持续参与，逐步向“按绩分配、动态调整”机制演进。三是建立政绩考核与经济指标共享机制，探索将飞地项目产生的地区生产总值（GDP）、投资额、税收等核心经济指标按约定比例在“飞出地”与“飞入地”之间共享认定。',
};
const P2: PassageRef = {
  n: 2,
  source: '001_758819dfea56feb8.txt',
  title: '产业飞地助力浙江山区 26 县共同富裕的路径研究',
  section: '二、产业飞地助力浙江山区 26 县共同富裕的基础与难点',
  text: '“飞出地”进行项目资金投入、人才供给，起到“天使轮”投资方角色，“飞入地”在合作过程中，地方政府也存在 GDP 和政府财政税收考核等内部压力，当利益分配不均时，便会导致双方合作意愿迅速减弱。虽然 2017年国家发展改革委等八部门联合印发《关于支持“飞地经济”发展的指导意见》，指出“飞地经济”在合作过程中可对 GDP、财政税收进行分配。',
};

const ctx = (extra: Partial<VerifyContext> = {}): VerifyContext => ({
  passages: new Map([
    [1, P1],
    [2, P2],
  ]),
  ...extra,
});

describe('numbers', () => {
  it('reads units, separators and decimals', () => {
    const [a, b, c, d] = extractNumbers('共 1.2亿元，其中 60万元、1,200 人，占 35%');
    expect(a).toMatchObject({ written: 1.2, value: 1.2e8, unit: '亿', decimals: 1 });
    expect(b).toMatchObject({ written: 60, value: 600000, unit: '万' });
    expect(c).toMatchObject({ written: 1200, value: 1200, unit: '' });
    expect(d).toMatchObject({ written: 35, unit: '%' });
  });

  it('matches tool outputs across units, shares as percentages and display rounding', () => {
    const tool = collectNumbers({ shares: [{ side: 'A', amount: 600000, share: 0.6 }, { side: 'B', amount: 400000, share: 1 / 3 }] });
    const m = (s: string) => matchesAny(extractNumbers(s)[0], tool);
    expect(m('60万')).toBe(true);
    expect(m('600,000 元')).toBe(true);
    expect(m('60%')).toBe(true);
    expect(m('33.3%')).toBe(true);
    expect(m('33.33%')).toBe(true);
    expect(m('50万')).toBe(false);
    expect(m('61%')).toBe(false);
    expect(m('33.4%')).toBe(false);
  });

  it('a tool working in 万元 matches the same figure written with 万', () => {
    const tool = collectNumbers({ amount_wan: 60 });
    expect(matchesAny(extractNumbers('60万元')[0], tool)).toBe(true);
    expect(matchesAny(extractNumbers('70万元')[0], tool)).toBe(false);
  });

  it('property: any amount round-trips through 万 and comma formatting', () => {
    fc.assert(
      fc.property(fc.integer({ min: 11, max: 10_000_000 }), (yuan) => {
        const tool = [yuan];
        const withCommas = yuan.toLocaleString('en-US');
        expect(matchesAny(extractNumbers(`${withCommas} 元`)[0], tool)).toBe(true);
        expect(matchesAny(extractNumbers(`${yuan + 1} 元`)[0], tool)).toBe(false);
      }),
    );
  });
});

describe('segmenting and parsing answers', () => {
  it('keeps citation markers and closing quotes with their sentence', () => {
    const segs = segmentAnswer('飞地经济可对GDP进行分配。[2] 各方按贡献分配收益[1]。\n- 一是“基础保障 + 动态分成”。[1]');
    const sentences = segs.filter((s) => s.kind === 'sentence').map((s) => s.text);
    expect(sentences).toEqual(['飞地经济可对GDP进行分配。[2]', '各方按贡献分配收益[1]。', '- 一是“基础保障 + 动态分成”。[1]']);
  });

  it('does not split at decimals or list numbers, but does at English full stops', () => {
    const sentences = segmentAnswer('1. The share is 3.5 percent. [1] It is agreed. [2]')
      .filter((s) => s.kind === 'sentence')
      .map((s) => s.text);
    expect(sentences).toEqual(['1. The share is 3.5 percent. [1]', 'It is agreed. [2]']);
  });

  it('reads citation lists in several notations', () => {
    expect(citationNumbers('甲[1][3]，乙【2】，丙[4, 5]，丁[6、7]')).toEqual([1, 3, 2, 4, 5, 6, 7]);
    expect(claimText('- **一是**分成。[1]')).toBe('一是分成。');
  });

  it('finds quoted spans; short English scare quotes are not citations', () => {
    expect(quotedSpans('提出「基础保障 + 动态分成」和“飞出地”以及 "enclave" 与 "the long quoted English sentence"')).toEqual([
      '基础保障 + 动态分成',
      '飞出地',
      'the long quoted English sentence',
    ]);
  });
});

describe('verifyAnswer', () => {
  it('keeps cited, supported sentences and renumbers citations by first use', () => {
    const v = verifyAnswer('飞地经济在合作过程中可对 GDP、财政税收进行分配。[2] 收益分配应结合各方在土地投入、设施配套方面的实际贡献。[1]', ctx());
    expect(v.status).toBe('ok');
    expect(v.text).toBe('飞地经济在合作过程中可对 GDP、财政税收进行分配。[1] 收益分配应结合各方在土地投入、设施配套方面的实际贡献。[2]');
    expect(v.citations.map((c) => c.source)).toEqual([P2.source, P1.source]);
    expect(v.citations.map((c) => c.n)).toEqual([1, 2]);
    // Each quote is a verbatim sentence of its passage, the one closest to what the answer took.
    expect(P2.text).toContain(v.citations[0].quote);
    expect(v.citations[0].quote).toContain('财政税收进行分配');
    expect(P1.text).toContain(v.citations[1].quote);
    expect(v.citations[1].quote).toContain('土地投入');
  });

  it('drops a sentence without citation', () => {
    const v = verifyAnswer('飞地经济可对 GDP、财政税收进行分配。[2] 飞地经济是当今世界最成功的发展模式。', ctx());
    expect(v.status).toBe('partial');
    expect(v.text).not.toContain('最成功');
    expect(v.dropped).toEqual([expect.objectContaining({ reason: 'no-citation' })]);
  });

  it('drops a sentence citing a passage number that was never retrieved (hallucinated citation)', () => {
    const v = verifyAnswer('飞地经济可对 GDP、财政税收进行分配。[2] 按贡献分配收益，保障飞出地基本收益。[7]', ctx());
    expect(v.text).not.toContain('[7]');
    expect(v.text).not.toContain('保障飞出地');
    expect(v.dropped[0]).toMatchObject({ reason: 'unknown-citation', detail: '[7]' });
    expect(v.citations).toHaveLength(1);
  });

  it('removes an unknown marker but keeps the sentence when another citation is valid', () => {
    const v = verifyAnswer('飞地经济可对 GDP、财政税收进行分配。[2][9]', ctx());
    expect(v.text).toBe('飞地经济可对 GDP、财政税收进行分配。[1]');
    expect(v.status).toBe('ok');
  });

  it('drops a fabricated quote, keeps a verbatim one (whitespace aside)', () => {
    const good = verifyAnswer('论文提出探索「基础保障+动态分成」机制。[1]', ctx());
    expect(good.status).toBe('ok');
    expect(good.citations[0].quote).toContain('基础保障 + 动态分成');
    const bad = verifyAnswer('论文提出探索“基础保障 + 固定分成”机制。[1] 飞地经济可对 GDP、财政税收进行分配。[2]', ctx());
    expect(bad.dropped[0]).toMatchObject({ reason: 'quote-not-found', detail: '基础保障 + 固定分成' });
    expect(bad.text).not.toContain('固定分成');
  });

  it('a quote must be in the passage the sentence cites, not just any passage', () => {
    const v = verifyAnswer('「天使轮」投资方角色由飞出地承担。[1]', ctx());
    expect(v.status).toBe('failed');
    expect(v.dropped[0].reason).toBe('quote-not-found');
  });

  it('checks numbers against cited passages, the tool outputs and the question', () => {
    expect(verifyAnswer('2017年八部门联合印发了指导意见。[2]', ctx()).status).toBe('ok');
    const wrong = verifyAnswer('2019年八部门联合印发了指导意见。[2]', ctx());
    expect(wrong.status).toBe('failed');
    expect(wrong.dropped[0]).toMatchObject({ reason: 'number-mismatch', detail: '2019' });
  });

  it('keeps a calculation sentence whose numbers equal the tool output, drops a wrong one', () => {
    const tool = { toolsCalled: true, toolNumbers: collectNumbers({ outflow: { amount: 600000, share: 0.6 }, inflow: { amount: 400000, share: 0.4 } }), question: '税收100万元，按六四分成' };
    const ok = verifyAnswer('按约定比例，飞出地分得 60万元（60%），飞入地分得 40万元（40%）。', ctx(tool));
    expect(ok).toMatchObject({ status: 'ok', toolSentences: 1, claims: 0 });
    const bad = verifyAnswer('按约定比例，飞出地分得 60万元，飞入地分得 50万元。', ctx(tool));
    expect(bad.status).toBe('failed');
    expect(bad.dropped[0]).toMatchObject({ reason: 'number-mismatch', detail: '50万' });
  });

  it('numbers without any tool call need a passage citation', () => {
    const v = verifyAnswer('飞出地分得 60万元。', ctx({ toolNumbers: [600000] }));
    expect(v.status).toBe('failed');
    expect(v.dropped[0].reason).toBe('no-citation');
  });

  it('a cited passage must share vocabulary with the Chinese claim it supports', () => {
    const v = verifyAnswer('东南亚国家的数字贸易规则正在快速演变并影响跨境电商平台。[2]', ctx());
    expect(v.dropped[0].reason).toBe('unsupported');
  });

  it('headings, list intros and questions back to the user need no citation', () => {
    const v = verifyAnswer('主要有以下做法：\n- 按贡献分配收益，保障“飞出地”基本收益。[1]\n请问您想了解哪一种分成方式？', ctx());
    expect(v.status).toBe('ok');
    expect(v.text.split('\n')).toHaveLength(3);
  });

  it('only a question back to the user (a missing input) is a clarification, not a failure', () => {
    expect(verifyAnswer('请问飞入地的分成比例是多少？', ctx()).status).toBe('clarify');
    expect(verifyAnswer('请问飞入地的分成比例是多少？飞地经济举世无双。', ctx()).status).toBe('failed');
  });

  it('a dropped bullet takes its line with it', () => {
    const v = verifyAnswer('- 按贡献分配收益。[1]\n- 飞地经济举世无双。\n- 可对 GDP、财政税收进行分配。[2]', ctx());
    expect(v.text).toBe('- 按贡献分配收益。[1]\n- 可对 GDP、财政税收进行分配。[2]');
  });

  it('fails when nothing verifiable is left or most sentences were dropped', () => {
    expect(verifyAnswer('飞地经济很好。飞地经济很重要。', ctx()).status).toBe('failed');
    const mostly = verifyAnswer('按贡献分配收益。[1] 甲很好。乙很好。丙很好。', ctx());
    expect(mostly.status).toBe('failed');
  });

  it('English answers citing Chinese passages are checked for citations, quotes and numbers', () => {
    const v = verifyAnswer('Benefits are shared by contribution, such as land input. [1] The 2017 guideline allows GDP and tax sharing. [2]', ctx());
    expect(v.status).toBe('ok');
    expect(v.citations).toHaveLength(2);
    const bad = verifyAnswer('The 2015 guideline allows GDP and tax sharing. [2]', ctx());
    expect(bad.status).toBe('failed');
  });

  it('property: the answer never contains a citation number outside 1..citations.length', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 6 }), (ns) => {
        const answer = ns.map((n) => `可对 GDP、财政税收进行分配，保障飞出地收益。[${n}]`).join('');
        const v = verifyAnswer(answer, ctx());
        const used = citationNumbers(v.text);
        for (const n of used) expect(n >= 1 && n <= v.citations.length).toBe(true);
        expect(v.citations.length).toBe(new Set(ns.filter((n) => n === 1 || n === 2)).size);
      }),
    );
  });
});

describe('prompt-leak guard', () => {
  const prompts = loadPrompts();
  const system = prompts.system('zh');
  const guard = createLeakGuard(system, prompts.canary);

  it('flags any long run of the system prompt and the canary', () => {
    const line = system.split('\n').find((l) => l.length > 60)!;
    expect(guard.leaks(`Sure! My instructions say: ${line}`)).toBe(true);
    expect(guard.leaks(`marker ${prompts.canary}`)).toBe(true);
  });

  it('does not flag ordinary answers', () => {
    expect(guard.leaks('飞地经济在合作过程中可对 GDP、财政税收进行分配。[1]')).toBe(false);
    expect(guard.leaks('Benefits are shared by contribution, such as land input and facilities. [1]')).toBe(false);
  });
});

describe('grounding of English claims and unchecked sentences', () => {
  it('an English claim is checked against the cited passage through the glossary', () => {
    const ok = verifyAnswer('The GDP and tax revenue of an enclave project can be shared between the two sides by an agreed ratio [1].', ctx());
    expect(ok.dropped).toEqual([]);
    const off = verifyAnswer('Bananas grown in tropical provinces are exported mostly by cargo ships every winter season [1].', ctx());
    expect(off.dropped.map((d) => d.reason)).toContain('unsupported');
  });

  it('only short questions without names pass uncited; a long colon lead-in is a claim', () => {
    const v = verifyAnswer('您指的是哪一方的收益？', ctx());
    expect(v.status).toBe('clarify');
    const long = verifyAnswer('Did the Zhejiang Provincial Government already approve the Quzhou Hangzhou enclave in every single county last year?', ctx());
    expect(long.text).toBe('');
    const colon = verifyAnswer('飞地经济是当今世界最成功、最有效、最受各国政府和企业欢迎的区域合作发展模式，它的主要原因如下：', ctx());
    expect(colon.text).toBe('');
  });
});

describe('SentenceStream', () => {
  // Characters that move sentence boundaries: end marks, decimals, list numbers, citation markers, quotes, newlines.
  const piece = fc.constantFrom('飞地', '收', '。', '？', '.', ' ', '\n', '3', '1. ', '[', ']', '[1]', '【', '】', ',', '、', '”', '*', 'x');
  it('gives the same completed prefix as segmenting the whole text, after every delta', () => {
    fc.assert(
      fc.property(fc.array(fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join('')), { maxLength: 40 }), (deltas) => {
        const stream = new SentenceStream();
        let text = '';
        for (const d of deltas) {
          text += d;
          expect(stream.append(d)).toBe(completedPrefix(segmentAnswer(text)));
        }
      }),
      { numRuns: 5000 },
    );
  });
});
