/**
 * The third hold-out QA set (eval/holdout3.jsonl): English-heavy, written from the cleaned corpus alone,
 * blind to all tuning data (glossary, synonyms, user dictionary, advisor, the other QA sets) and to
 * system outputs, so it measures how well the product generalises to the way foreign analysts and
 * officials writing in English phrase questions. Same format and schema as the dev set (ids zh-3NN /
 * en-3NN so they never collide with the other sets); scored with
 * `npm run eval -- --devset eval/holdout3.jsonl`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { countWhere, describeQaSet, evalPath, expectEveryTypeInBothLanguages, loadQaSet, strip } from './helpers/qa-set';

const items = loadQaSet('holdout3');
const count = (pred: Parameters<typeof countWhere>[1]) => countWhere(items, pred);

/** The other QA sets; compared by question text only, so their own schema details don't matter here. */
function otherQuestions(): string[] {
  return ['devset', 'fresh', 'holdout', 'holdout2']
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
  'third hold-out QA set (eval/holdout3.jsonl)',
  {
    items,
    normalise: (s) => strip(s).toLowerCase(),
    keywordsIn: 'quotes',
    ids: /^(zh|en)-3\d\d$/,
    otherQuestions,
    citesEveryDocument: true,
  },
  () => {
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
      expectEveryTypeInBothLanguages(items);
    });

    it('facts mostly ask for figures: nearly every fact has a numeric keyword', () => {
      expect(count((i) => i.type === 'fact' && i.keywords.some((k) => /\d/.test(k)))).toBeGreaterThanOrEqual(15);
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
