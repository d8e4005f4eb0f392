/**
 * The hold-out QA set (eval/holdout.jsonl): written blind to the tuning data (glossary, synonyms,
 * user dictionary, dev set, advisor) to estimate how the system generalises. Same format and
 * schema as the dev set; scored with `npm run eval -- --devset eval/holdout.jsonl`.
 */
import { expect, it } from 'vitest';
import { describeQaSet, expectEveryTypeInBothLanguages, loadQaSet } from './helpers/qa-set';

const items = loadQaSet('holdout');

describeQaSet(
  'hold-out QA set (eval/holdout.jsonl)',
  {
    items,
    questionKey: (q) => q,
    // Stricter than the dev-set check (whole document): the keyword is the fact the quote gives.
    keywordsIn: 'quotes',
    otherQuestions: () => loadQaSet('devset').map((d) => d.question),
  },
  () => {
    it('has 90 questions: ~55 zh / ~35 en, ~15 unanswerable in both languages, every type present', () => {
      expect(items).toHaveLength(90);
      expect(items.filter((i) => i.lang === 'zh').length).toBe(55);
      expect(items.filter((i) => i.lang === 'en').length).toBe(35);
      const unanswerable = items.filter((i) => !i.answerable).length;
      expect(unanswerable).toBeGreaterThanOrEqual(12);
      expect(unanswerable).toBeLessThanOrEqual(18);
      expectEveryTypeInBothLanguages(items);
    });
  },
);
