/**
 * The seventh hold-out QA set (eval/holdout7.jsonl): one more blind measurement for the "Must show" of
 * issue 2 — 70 questions "like the dev set" (42 zh / 28 en), written from the five cleaned papers alone,
 * blind to all tuning data (glossary, synonyms, user dictionary, advisor, the other QA sets) and to
 * system outputs. Same format and schema as the dev set (ids zh-7NN / en-7NN so they never collide with
 * the other sets); scored with `npm run eval -- --devset eval/holdout7.jsonl`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { countWhere, describeQaSet, evalPath, expectEveryTypeInBothLanguages, loadQaSet, strip } from './helpers/qa-set';

const items = loadQaSet('holdout7');
const count = (pred: Parameters<typeof countWhere>[1]) => countWhere(items, pred);

/** The other QA sets; compared by question text only, so their own schema details don't matter here. */
function otherQuestions(): string[] {
  return ['devset', 'fresh', 'holdout', 'holdout2', 'holdout3', 'holdout4', 'holdout5', 'holdout6']
    .map(evalPath)
    .filter((p) => existsSync(p))
    .flatMap((p) =>
      readFileSync(p, 'utf8')
        .split(/\r?\n/)
        .filter((line) => line.trim())
        .map((line) => String((JSON.parse(line) as { question?: unknown }).question ?? '')),
    );
}

describeQaSet(
  'seventh hold-out QA set (eval/holdout7.jsonl)',
  {
    items,
    normalise: (s) => strip(s).toLowerCase(),
    keywordsIn: 'quotes',
    ids: /^(zh|en)-7\d\d$/,
    otherQuestions,
    citesEveryDocument: true,
  },
  () => {
    it('has 70 questions: 42 zh / 28 en', () => {
      expect(items).toHaveLength(70);
      expect(count((i) => i.lang === 'zh')).toBe(42);
      expect(count((i) => i.lang === 'en')).toBe(28);
    });

    it('has the planned type mix, every type in both languages', () => {
      // ~35% facts with figures, ~15% definitions, ~20% paraphrases, ~10% two-document, 14 unanswerable.
      expect(count((i) => i.type === 'fact')).toBe(25);
      expect(count((i) => i.type === 'definition')).toBe(10);
      expect(count((i) => i.type === 'paraphrase')).toBe(14);
      expect(count((i) => i.type === 'multi_doc')).toBe(7);
      expect(count((i) => !i.answerable)).toBe(14);
      expectEveryTypeInBothLanguages(items);
    });

    it('facts mostly ask for figures: nearly every fact has a numeric keyword', () => {
      expect(count((i) => i.type === 'fact' && i.keywords.some((k) => /\d/.test(k)))).toBeGreaterThanOrEqual(23);
    });

    it('every corpus document answers at least eight questions', () => {
      const perSource = new Map<string, number>();
      for (const i of items) for (const s of new Set(i.gold.map((g) => g.source))) perSource.set(s, (perSource.get(s) ?? 0) + 1);
      expect(perSource.size).toBe(5);
      for (const [source, n] of perSource) expect(n, source).toBeGreaterThanOrEqual(8);
    });

    it('every keyword is short and Chinese or numeric', () => {
      // Being in the gold quotes is checked by the shared keyword check.
      const bad: string[] = [];
      for (const i of items.filter((x) => x.answerable)) {
        for (const k of i.keywords) {
          if (k.length > 12 || !/[\p{Script=Han}\d]/u.test(k)) bad.push(`${i.id}: ${k} not a short Chinese/numeric fact`);
        }
      }
      expect(bad).toEqual([]);
    });
  },
);
