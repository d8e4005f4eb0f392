/**
 * The blind hold-out QA sets eval/holdout3.jsonl … holdout8.jsonl. Each was written from the five
 * cleaned papers alone, blind to all tuning data (glossary, synonyms, user dictionary, advisor, the
 * other QA sets) and to system outputs, and measured once before anybody looked at its failures
 * (eval/README.md keeps those first figures). holdout3 is English-heavy; holdout4–8 mirror the
 * "held-out set of questions like the dev set" of issue 2. Same format and schema as the dev set,
 * ids zh-NXX / en-NXX with the set's number N so they never collide; scored with
 * `npm run eval -- --devset eval/holdoutN.jsonl`.
 *
 * One table, because the sets differ only in their sizes and planned mix.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { countWhere, describeQaSet, evalPath, expectEveryTypeInBothLanguages, loadQaSet, strip } from './helpers/qa-set';

interface BlindSetSpec {
  n: number;
  zh: number;
  en: number;
  /** Planned type mix: ~35 % facts with figures, ~15 % definitions, 20–25 % paraphrases, ~10 % two-document. */
  types: { fact: number; definition: number; paraphrase: number; multi_doc: number; unanswerable: number };
  /** Facts mostly ask for figures: at least this many facts have a numeric keyword. */
  numericFacts: number;
  /** Each corpus document answers at least this many questions (where the set planned it). */
  perDocument?: number;
}

const SETS: Record<string, BlindSetSpec> = {
  holdout3: { n: 50, zh: 18, en: 32, types: { fact: 17, definition: 8, paraphrase: 12, multi_doc: 5, unanswerable: 8 }, numericFacts: 15 },
  holdout4: { n: 90, zh: 55, en: 35, types: { fact: 33, definition: 14, paraphrase: 19, multi_doc: 9, unanswerable: 15 }, numericFacts: 30, perDocument: 10 },
  holdout5: { n: 70, zh: 42, en: 28, types: { fact: 25, definition: 10, paraphrase: 14, multi_doc: 7, unanswerable: 14 }, numericFacts: 23, perDocument: 8 },
  holdout6: { n: 70, zh: 42, en: 28, types: { fact: 25, definition: 10, paraphrase: 14, multi_doc: 7, unanswerable: 14 }, numericFacts: 23, perDocument: 8 },
  holdout7: { n: 70, zh: 42, en: 28, types: { fact: 25, definition: 10, paraphrase: 14, multi_doc: 7, unanswerable: 14 }, numericFacts: 23, perDocument: 8 },
  holdout8: { n: 60, zh: 36, en: 24, types: { fact: 21, definition: 9, paraphrase: 12, multi_doc: 6, unanswerable: 12 }, numericFacts: 20, perDocument: 8 },
};

/** The sets written before `name`; compared by question text only, so their schema details don't matter here. */
function earlierQuestions(name: string): string[] {
  const ordinal = Number(name.replace('holdout', ''));
  const earlier = ['devset', 'fresh', 'holdout', ...Array.from({ length: ordinal - 2 }, (_, i) => `holdout${i + 2}`)];
  return earlier
    .map(evalPath)
    .filter((p) => existsSync(p))
    .flatMap((p) =>
      readFileSync(p, 'utf8')
        .split(/\r?\n/)
        .filter((line) => line.trim())
        .map((line) => String((JSON.parse(line) as { question?: unknown }).question ?? '')),
    );
}

for (const [name, spec] of Object.entries(SETS)) {
  const items = loadQaSet(name);
  const count = (pred: Parameters<typeof countWhere>[1]) => countWhere(items, pred);
  const ordinal = name.replace('holdout', '');

  describeQaSet(
    `blind hold-out QA set (eval/${name}.jsonl)`,
    {
      items,
      normalise: (s) => strip(s).toLowerCase(),
      keywordsIn: 'quotes',
      ids: new RegExp(`^(zh|en)-${ordinal}\\d\\d$`),
      otherQuestions: () => earlierQuestions(name),
      citesEveryDocument: true,
    },
    () => {
      it(`has ${spec.n} questions: ${spec.zh} zh / ${spec.en} en`, () => {
        expect(items).toHaveLength(spec.n);
        expect(count((i) => i.lang === 'zh')).toBe(spec.zh);
        expect(count((i) => i.lang === 'en')).toBe(spec.en);
      });

      it('has the planned type mix, every type in both languages', () => {
        expect(count((i) => i.type === 'fact')).toBe(spec.types.fact);
        expect(count((i) => i.type === 'definition')).toBe(spec.types.definition);
        expect(count((i) => i.type === 'paraphrase')).toBe(spec.types.paraphrase);
        expect(count((i) => i.type === 'multi_doc')).toBe(spec.types.multi_doc);
        expect(count((i) => !i.answerable)).toBe(spec.types.unanswerable);
        expectEveryTypeInBothLanguages(items);
      });

      it('facts mostly ask for figures: nearly every fact has a numeric keyword', () => {
        expect(count((i) => i.type === 'fact' && i.keywords.some((k) => /\d/.test(k)))).toBeGreaterThanOrEqual(spec.numericFacts);
      });

      if (spec.perDocument !== undefined) {
        const min = spec.perDocument;
        it(`every corpus document answers at least ${min} questions`, () => {
          const perSource = new Map<string, number>();
          for (const i of items) for (const s of new Set(i.gold.map((g) => g.source))) perSource.set(s, (perSource.get(s) ?? 0) + 1);
          expect(perSource.size).toBe(5);
          for (const [source, n] of perSource) expect(n, source).toBeGreaterThanOrEqual(min);
        });
      }

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
}
