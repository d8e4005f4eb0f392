/**
 * The hold-out QA set (eval/holdout.jsonl): written blind to the tuning data (glossary, synonyms,
 * user dictionary, dev set, advisor) to estimate how the system generalises. Same format and
 * schema as the dev set; scored with `npm run eval -- --devset eval/holdout.jsonl`.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load';
import { loadDevset } from '../eval/devset';

const HOLDOUT = fileURLToPath(new URL('../eval/holdout.jsonl', import.meta.url));
const items = loadDevset(HOLDOUT);
const dev = loadDevset();
const docs = loadCorpus('corpus');
const bySource = new Map(docs.map((d) => [d.source, d]));
const strip = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

describe('hold-out QA set (eval/holdout.jsonl)', () => {
  it('has 90 questions: ~55 zh / ~35 en, ~15 unanswerable in both languages, every type present', () => {
    expect(items).toHaveLength(90);
    expect(items.filter((i) => i.lang === 'zh').length).toBe(55);
    expect(items.filter((i) => i.lang === 'en').length).toBe(35);
    const unanswerable = items.filter((i) => !i.answerable).length;
    expect(unanswerable).toBeGreaterThanOrEqual(12);
    expect(unanswerable).toBeLessThanOrEqual(18);
    for (const lang of ['zh', 'en'] as const) {
      for (const t of ['fact', 'definition', 'paraphrase', 'multi_doc', 'unanswerable']) {
        expect(items.some((i) => i.lang === lang && i.type === t), `${lang} ${t}`).toBe(true);
      }
    }
  });

  it('has unique ids and questions, and shares no question with the dev set', () => {
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(new Set(items.map((i) => i.question)).size).toBe(items.length);
    const devQuestions = new Set(dev.map((d) => strip(d.question)));
    expect(items.filter((i) => devQuestions.has(strip(i.question))).map((i) => i.id)).toEqual([]);
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
    // Stricter than the dev-set check (whole document): the keyword is the fact the quote gives.
    const missing: string[] = [];
    for (const i of items.filter((x) => x.answerable)) {
      const quotes = strip(i.gold.map((g) => g.quote).join('\n'));
      for (const k of i.keywords) if (!quotes.includes(strip(k))) missing.push(`${i.id}: ${k}`);
    }
    expect(missing).toEqual([]);
  });
});
