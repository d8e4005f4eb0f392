/**
 * The third hold-out QA set (eval/holdout3.jsonl): English-heavy, written from the cleaned corpus alone,
 * blind to all tuning data (glossary, synonyms, user dictionary, advisor, the other QA sets) and to
 * system outputs, so it measures how well the product generalises to the way foreign analysts and
 * officials writing in English phrase questions. Same format and schema as the dev set (ids zh-3NN /
 * en-3NN so they never collide with the other sets); scored with
 * `npm run eval -- --devset eval/holdout3.jsonl`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load';
import { loadDevset } from '../eval/devset';

const HOLDOUT3 = fileURLToPath(new URL('../eval/holdout3.jsonl', import.meta.url));
/** The other QA sets; compared by question text only, so their own schema details don't matter here. */
const OTHER_SETS = ['devset', 'fresh', 'holdout', 'holdout2'].map((n) => fileURLToPath(new URL(`../eval/${n}.jsonl`, import.meta.url)));

const items = loadDevset(HOLDOUT3);
const docs = loadCorpus('corpus');
const bySource = new Map(docs.map((d) => [d.source, d]));
const strip = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
const count = (pred: (i: (typeof items)[number]) => boolean) => items.filter(pred).length;

function otherQuestions(): string[] {
  return OTHER_SETS.filter((p) => existsSync(p)).flatMap((p) =>
    readFileSync(p, 'utf8')
      .split(/\r?\n/)
      .filter((line) => line.trim())
      .map((line) => String((JSON.parse(line) as { question?: unknown }).question ?? '')),
  );
}

describe('third hold-out QA set (eval/holdout3.jsonl)', () => {
  it('has 50 questions: 32 en / 18 zh', () => {
    expect(items).toHaveLength(50);
    expect(count((i) => i.lang === 'en')).toBe(32);
    expect(count((i) => i.lang === 'zh')).toBe(18);
  });

  it('has the planned type mix, every type in both languages', () => {
    // ~35% facts with figures, ~15% definitions, ~25% paraphrases, ~10% two-document, 8 unanswerable.
    expect(count((i) => i.type === 'fact')).toBe(17);
    expect(count((i) => i.type === 'definition')).toBe(8);
    expect(count((i) => i.type === 'paraphrase')).toBe(12);
    expect(count((i) => i.type === 'multi_doc')).toBe(5);
    expect(count((i) => !i.answerable)).toBe(8);
    for (const lang of ['zh', 'en'] as const) {
      for (const t of ['fact', 'definition', 'paraphrase', 'multi_doc', 'unanswerable']) {
        expect(items.some((i) => i.lang === lang && i.type === t), `${lang} ${t}`).toBe(true);
      }
    }
  });

  it('facts mostly ask for figures: nearly every fact has a numeric keyword', () => {
    expect(count((i) => i.type === 'fact' && i.keywords.some((k) => /\d/.test(k)))).toBeGreaterThanOrEqual(15);
  });

  it('cites every corpus document somewhere among its gold quotes', () => {
    const cited = new Set(items.flatMap((i) => i.gold.map((g) => g.source)));
    expect([...cited].sort()).toEqual(docs.map((d) => d.source).sort());
  });

  it('has ids in its own range (zh-3NN / en-3NN), unique ids and questions', () => {
    for (const i of items) expect(i.id, i.id).toMatch(/^(zh|en)-3\d\d$/);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(new Set(items.map((i) => strip(i.question))).size).toBe(items.length);
  });

  it('shares no question with the dev, fresh or earlier hold-out sets', () => {
    const seen = new Set(otherQuestions().map(strip));
    expect(seen.size).toBeGreaterThan(0);
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

  it('every keyword is short, Chinese or numeric, and appears in one of its gold quotes', () => {
    const bad: string[] = [];
    for (const i of items.filter((x) => x.answerable)) {
      const quotes = strip(i.gold.map((g) => g.quote).join('\n'));
      for (const k of i.keywords) {
        if (!quotes.includes(strip(k))) bad.push(`${i.id}: ${k} not in gold`);
        if (k.length > 12 || !/[\p{Script=Han}\d]/u.test(k)) bad.push(`${i.id}: ${k} not a short Chinese/numeric fact`);
      }
    }
    expect(bad).toEqual([]);
  });
});
