/**
 * The second hold-out QA set (eval/holdout2.jsonl): written from the corpus alone, blind to all
 * tuning data (glossary, synonyms, user dictionary, dev/fresh/hold-out sets, advisor) and to system
 * outputs, for a final measurement. Same format and schema as the dev set (ids zh-2NN / en-2NN so
 * they never collide with the other sets); scored with `npm run eval -- --devset eval/holdout2.jsonl`.
 */
import { expect, it } from 'vitest';
import { countWhere, describeQaSet, expectEveryTypeInBothLanguages, loadQaSet } from './helpers/qa-set';

const items = loadQaSet('holdout2');
const count = (pred: Parameters<typeof countWhere>[1]) => countWhere(items, pred);

describeQaSet(
  'second hold-out QA set (eval/holdout2.jsonl)',
  {
    items,
    keywordsIn: 'quotes',
    ids: /^(zh|en)-2\d\d$/,
    // The dev set and the first hold-out set, both schema-checked as they load.
    otherQuestions: () => [...loadQaSet('devset'), ...loadQaSet('holdout')].map((d) => d.question),
    citesEveryDocument: true,
  },
  () => {
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
      expectEveryTypeInBothLanguages(items);
    });
  },
);
