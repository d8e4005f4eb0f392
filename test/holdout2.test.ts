/**
 * The second hold-out QA set (eval/holdout2.jsonl): written from the corpus alone, blind to all
 * tuning data (glossary, synonyms, user dictionary, dev/fresh/hold-out sets, advisor) and to system
 * outputs, for a final measurement. Same format and schema as the dev set (ids zh-2NN / en-2NN so
 * they never collide with the other sets); scored with `npm run eval -- --devset eval/holdout2.jsonl`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load';
import { loadDevset, parseDevset } from '../eval/devset';

const HOLDOUT2 = fileURLToPath(new URL('../eval/holdout2.jsonl', import.meta.url));
const HOLDOUT = fileURLToPath(new URL('../eval/holdout.jsonl', import.meta.url));
const items = loadDevset(HOLDOUT2);
const docs = loadCorpus('corpus');
const bySource = new Map(docs.map((d) => [d.source, d]));
const strip = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
const count = (pred: (i: (typeof items)[number]) => boolean) => items.filter(pred).length;

describe('second hold-out QA set (eval/holdout2.jsonl)', () => {
  it('has 60 questions: 36 zh / 24 en', () => {
    expect(items).toHaveLength(60);
    expect(count((i) => i.lang === 'zh')).toBe(36);
    expect(count((i) => i.lang === 'en')).toBe(24);
  });

  it('has the planned type mix, every type in both languages', () => {
    // ~35% facts, ~15% definitions, ~20% paraphrases, ~10% two-document, ~12 unanswerable.
    expect(count((i) => i.type === 'fact')).toBe(21);
    expect(count((i) => i.type === 'definition')).toBe(9);
    expect(count((i) => i.type === 'paraphrase')).toBe(12);
    expect(count((i) => i.type === 'multi_doc')).toBe(6);
    expect(count((i) => !i.answerable)).toBe(12);
    for (const lang of ['zh', 'en'] as const) {
      for (const t of ['fact', 'definition', 'paraphrase', 'multi_doc', 'unanswerable']) {
        expect(items.some((i) => i.lang === lang && i.type === t), `${lang} ${t}`).toBe(true);
      }
    }
  });

  it('cites every corpus document somewhere among its gold quotes', () => {
    const cited = new Set(items.flatMap((i) => i.gold.map((g) => g.source)));
    expect([...cited].sort()).toEqual(docs.map((d) => d.source).sort());
  });

  it('has ids in its own range (zh-2NN / en-2NN), unique ids and questions', () => {
    for (const i of items) expect(i.id, i.id).toMatch(/^(zh|en)-2\d\d$/);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(new Set(items.map((i) => strip(i.question))).size).toBe(items.length);
  });

  it('shares no question with the dev set or the first hold-out set', () => {
    const others = [...loadDevset(), ...parseDevset(readFileSync(HOLDOUT, 'utf8'))];
    const seen = new Set(others.map((d) => strip(d.question)));
    expect(items.filter((i) => seen.has(strip(i.question))).map((i) => i.id)).toEqual([]);
  });

  it('language tag matches the question text', () => {
    for (const i of items) expect(/\p{Script=Han}/u.test(i.question), `${i.id}: ${i.question}`).toBe(i.lang === 'zh');
  });

  it('every gold quote is verbatim in the body of its cleaned corpus file', () => {
    const missing: string[] = [];
    for (const i of items) {
      for (const g of i.gold) {
        const doc = bySource.get(g.source);
        if (!doc) missing.push(`${i.id}: unknown source ${g.source}`);
        else if (!doc.raw.slice(doc.bodyStart).includes(g.quote)) missing.push(`${i.id}: quote not in ${g.source}: ${g.quote}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every keyword of an answerable question appears in one of its gold quotes', () => {
    const missing: string[] = [];
    for (const i of items.filter((x) => x.answerable)) {
      const quotes = strip(i.gold.map((g) => g.quote).join('\n'));
      for (const k of i.keywords) if (!quotes.includes(strip(k))) missing.push(`${i.id}: ${k}`);
    }
    expect(missing).toEqual([]);
  });
});
