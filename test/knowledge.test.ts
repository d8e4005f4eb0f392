/**
 * The knowledge layer: the document tree (offsets verbatim, enumerations whole), the question bank
 * (verified against the tree, covering every node, never holding an eval question) and input
 * normalisation (Traditional characters, full width, colloquial words).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Converter } from 'opencc-js/cn2t';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load';
import type { CorpusDocument } from '../src/corpus/schema';
import { loadBank, verifyEntry, type BankEntry } from '../src/knowledge/bank';
import { knowledgeNodes, type KnowledgeNode } from '../src/knowledge/nodes';
import { halfWidth, normalizeInput, simplify } from '../src/knowledge/normalize';
import { asksFigureBesidesList, questionType } from '../src/knowledge/question-type';
import { contentHash, treeOf } from '../src/knowledge/tree';
import { useRealAdvisor } from './helpers/real-advisor';

let docs: CorpusDocument[];
let nodes: KnowledgeNode[];
beforeAll(() => {
  docs = loadCorpus('corpus');
  nodes = knowledgeNodes(docs);
});

const doc = (prefix: string) => docs.find((d) => d.id.startsWith(prefix))!;

describe('document tree', () => {
  it('every section, paragraph, sentence, lead and item is a verbatim slice of its document', () => {
    for (const d of docs) {
      const t = treeOf(d);
      expect(t.sections.length).toBeGreaterThan(3);
      for (const s of t.sections) {
        for (const p of s.paragraphs) {
          expect(d.raw.slice(p.start, p.end)).toBe(p.text);
          for (const x of p.sentences) expect(d.raw.slice(x.start, x.end)).toBe(x.text);
        }
      }
      for (const e of t.enumerations) {
        expect(d.raw.slice(e.lead.start, e.lead.end)).toBe(e.lead.text);
        expect(e.items.length).toBeGreaterThanOrEqual(2);
        for (const it of e.items) {
          expect(d.raw.slice(it.head.start, it.head.end)).toBe(it.head.text);
          expect(it.start).toBeLessThan(it.end);
        }
      }
    }
  });

  it('a lead that announces a count has exactly that many items (以下四个方面 → 4)', () => {
    const announced = docs.flatMap((d) => treeOf(d).enumerations).filter((e) => e.announced !== undefined);
    expect(announced.length).toBeGreaterThanOrEqual(3);
    for (const e of announced) expect(e.items.length, `${e.id}: ${e.lead.text}`).toBe(e.announced);
  });

  it('finds inline items (一是…二是…), numbered paragraphs and lists of sub-headings', () => {
    const relay = treeOf(doc('000')).enumerations.find((e) => e.lead.text.includes('关键特征'))!;
    expect(relay.kind).toBe('paragraphs');
    expect(relay.items.map((i) => i.head.text)).toEqual(['一是跨国协同性。', '二是多节点布设性。', '三是功能分段性。', '四是制度嵌入性。']);
    const forces = treeOf(doc('002')).enumerations.find((e) => e.lead.text.includes('一般性动力机制'))!;
    expect(forces.kind).toBe('headings');
    expect(forces.items.map((i) => i.head.text)).toEqual(['1.政策推动激发园区合作初始动力', '2.市场力量驱动园区合作互利共赢', '3.创新需求促成园区合作多元发展']);
    const modes = treeOf(doc('003')).enumerations.find((e) => e.items.some((i) => i.head.text.startsWith('3.2.1')))!;
    expect(modes.lead.text).toContain('以下两个典型模式');
    expect(modes.items).toHaveLength(2);
    const inline = treeOf(doc('002')).enumerations.filter((e) => e.kind === 'inline');
    expect(inline.length).toBeGreaterThanOrEqual(4);
  });

  it('leaves reference lists out', () => {
    for (const d of docs) for (const s of treeOf(d).sections) expect(s.path[0]).not.toBe('参考文献');
  });
});

describe('question bank', () => {
  let entries: BankEntry[];
  beforeAll(() => {
    const bank = loadBank('corpus/questions', nodes);
    expect(bank.problems).toEqual([]);
    entries = bank.entries;
  });

  it('has an entry for every node, each verified: node exists, hash current, answers verbatim', () => {
    const covered = new Set(entries.map((e) => e.node));
    expect(nodes.filter((n) => !covered.has(n.id)).map((n) => n.id)).toEqual([]);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const e of entries) expect(verifyEntry(e, byId.get(e.node))).toBeUndefined();
  });

  it('asks each node formally, in paraphrase, colloquially and in English', () => {
    for (const e of entries) {
      expect(e.questions.length, e.node).toBeGreaterThanOrEqual(3);
      expect(e.questions.length, e.node).toBeLessThanOrEqual(12);
      expect(e.questions.some((q) => q.lang === 'en'), e.node).toBe(true);
      expect(e.questions.some((q) => q.lang === 'zh' && q.style === 'colloquial'), e.node).toBe(true);
      expect(e.questions.some((q) => q.lang === 'zh' && q.style === 'paraphrase'), e.node).toBe(true);
    }
  });

  it('holds no question of any eval set (the bank is written from the papers, never from eval questions)', () => {
    const key = (q: string) => normalizeInput(q).replace(/[\s\p{P}]/gu, '').toLowerCase();
    const bankQuestions = new Set(entries.flatMap((e) => e.questions.map((q) => key(q.q))));
    const files = [...readdirSync('eval').filter((f) => f.endsWith('.jsonl')).map((f) => join('eval', f))];
    if (existsSync('eval/blind')) files.push(...readdirSync('eval/blind').filter((f) => f.endsWith('.jsonl')).map((f) => join('eval/blind', f)));
    let checked = 0;
    for (const file of files) {
      for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
        const item = JSON.parse(line) as { question?: string; text?: string };
        const q = item.question ?? item.text;
        if (!q) continue;
        checked++;
        expect(bankQuestions.has(key(q)), `${file}: ${q}`).toBe(false);
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('rejects a stale entry, a missing node and an answer that is not in the node', () => {
    const node = nodes[0]!;
    const good: BankEntry = { node: node.id, hash: node.hash, questions: [{ q: '这段说了什么？', lang: 'zh' }], keywords: [], answers: [node.text.slice(0, 10)] };
    expect(verifyEntry(good, node)).toBeUndefined();
    expect(verifyEntry({ ...good, hash: contentHash('something else') }, node)).toMatch(/^stale/);
    expect(verifyEntry(good, undefined)).toMatch(/does not exist/);
    expect(verifyEntry({ ...good, answers: ['不在这段里的句子'] }, node)).toMatch(/not verbatim/);
  });
});

describe('input normalisation', () => {
  it('turns Traditional characters into Simplified and leaves the papers’ own text unchanged', () => {
    expect(simplify('什麼是飛地接力？')).toBe('什么是飞地接力？');
    expect(simplify('衢州海創園有哪兩種模式')).toBe('衢州海创园有哪两种模式');
    for (const d of docs) for (const s of treeOf(d).sections) for (const p of s.paragraphs) expect(simplify(p.text)).toBe(p.text);
  });

  it('folds full-width letters and digits, keeps Chinese punctuation', () => {
    expect(halfWidth('ＧＤＰ增长４．１％，好吗？')).toBe('GDP增长4．1％，好吗？');
  });

  it('replaces colloquial words and mistypings, and adds the measure an everyday word asks for', () => {
    expect(normalizeInput('飞地是啥')).toBe('飞地是什么');
    expect(normalizeInput('咋整')).toBe('怎么办');
    expect(normalizeInput('消簿飞地')).toBe('消薄飞地');
    expect(normalizeInput('这个园区有多大')).toContain('面积');
    expect(normalizeInput('What is a reverse enclave?')).toBe('What is a reverse enclave?');
  });
});

describe('question type', () => {
  it('tells lists, figures and definitions apart', () => {
    expect(questionType('推动园区合作的动力主要有哪几种？')).toBe('list');
    expect(questionType('What are the main challenges of cross-border enclaves?')).toBe('list');
    expect(questionType('浙江一共建了多少个飞地园区？')).toBe('figure');
    expect(questionType('比上年涨了几个点？')).toBe('figure');
    expect(questionType('什么是消薄飞地？')).toBe('definition');
    expect(asksFigureBesidesList('文章一共总结了几种模式？')).toBe(false);
    expect(asksFigureBesidesList('海创园哪一年开园？重点招引哪些领域？')).toBe(true);
  });
});

describe('retrieval on the knowledge layer', () => {
  const fx = useRealAdvisor('knowledge-retrieval');
  const toTraditional = Converter({ from: 'cn', to: 'tw' });

  it('a question in Traditional characters retrieves exactly what its Simplified twin does', async () => {
    const bank = loadBank('corpus/questions', nodes).entries;
    const questions = bank.filter((_, i) => i % 12 === 0).map((e) => e.questions.find((q) => q.lang === 'zh')!.q);
    expect(questions.length).toBeGreaterThan(15);
    for (const q of questions) {
      const t = toTraditional(q);
      const a = (await fx.retriever.retrieve(q, { k: 5 })).map((h) => h.chunk.id);
      const b = (await fx.retriever.retrieve(t, { k: 5 })).map((h) => h.chunk.id);
      expect(b, `${q} / ${t}`).toEqual(a);
    }
  });

  it('a question asking for the kinds of something finds the whole list', async () => {
    const hits = await fx.retriever.lists('“飞地接力”模式有哪几个关键特征？', { k: 3 });
    expect(hits[0]!.chunk.text).toContain('四是制度嵌入性');
    const fused = await fx.retriever.retrieve('新亚欧大陆桥园区合作的一般性动力机制有哪些？', { k: 5 });
    expect(fused.some((h) => h.chunk.text.includes('市场力量驱动园区合作互利共赢'))).toBe(true);
  });

  it('every channel alone ranks units; the bank channel maps a paraphrase to its node', async () => {
    const scores = await fx.retriever.channelScores('穷村抱团到发达地区建园区，收益有保障吗？');
    for (const c of ['passages', 'bankLexical', 'bankVector'] as const) expect(scores[c].size).toBeGreaterThan(0);
    const best = [...scores.bankLexical.entries()].sort((a, b) => b[1] - a[1])[0]!;
    expect(fx.retriever.units[best[0]]!.text).toContain('消薄飞地');
  });
});
