/**
 * Checks every QA set (dev, hold-out 1–3) must pass, so each set's test file only states what is
 * specific to it (sizes, type mix, id range). Works on the parsed items programmatically: the blind
 * sets' questions are never printed except in a failing check's message.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load';
import { loadDevset, type DevItem } from '../../eval/devset';

export const QUESTION_TYPES = ['fact', 'definition', 'paraphrase', 'multi_doc', 'unanswerable'] as const;

/** Whitespace- and width-insensitive form used to compare keywords, quotes and questions. */
export const strip = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** Absolute path of eval/<name>.jsonl. */
export const evalPath = (name: string) => fileURLToPath(new URL(`../../eval/${name}.jsonl`, import.meta.url));

/** Loads (and schema-validates) eval/<name>.jsonl; the dev set when name is 'devset'. */
export const loadQaSet = (name: string): DevItem[] => (name === 'devset' ? loadDevset() : loadDevset(evalPath(name)));

/** How many items satisfy pred. */
export const countWhere = (items: DevItem[], pred: (i: DevItem) => boolean) => items.filter(pred).length;

export function expectEveryTypeInBothLanguages(items: DevItem[]): void {
  for (const lang of ['zh', 'en'] as const) {
    for (const t of QUESTION_TYPES) expect(items.some((i) => i.lang === lang && i.type === t), `${lang} ${t}`).toBe(true);
  }
}

export interface QaSetSpec {
  items: DevItem[];
  /** Normal form for keyword matching and for comparing with other sets. Default: strip. */
  normalise?: (s: string) => string;
  /** Key two questions of this set must not share. Default: normalise. */
  questionKey?: (s: string) => string;
  /** Where a keyword of an answerable question must appear: its gold quotes, or its whole gold documents. */
  keywordsIn: 'quotes' | 'documents';
  /** Id pattern the set's own range must match. */
  ids?: RegExp;
  /** Questions of the other sets this one must not repeat (compared under normalise); must be non-empty. */
  otherQuestions?: () => string[];
  /** Every corpus document is the source of at least one gold quote. */
  citesEveryDocument?: boolean;
}

/** describe(title) holding the set's own checks (`specific`) and the checks shared by all QA sets. */
export function describeQaSet(title: string, spec: QaSetSpec, specific: () => void = () => {}): void {
  const { items, keywordsIn } = spec;
  const normalise = spec.normalise ?? strip;
  const questionKey = spec.questionKey ?? normalise;
  const docs = loadCorpus('corpus');
  const bySource = new Map(docs.map((d) => [d.source, d]));

  describe(title, () => {
    specific();

    it(`has unique ids${spec.ids ? ` in its own range (${spec.ids.source})` : ''} and unique questions`, () => {
      if (spec.ids) for (const i of items) expect(i.id, i.id).toMatch(spec.ids);
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
      expect(new Set(items.map((i) => questionKey(i.question))).size).toBe(items.length);
    });

    if (spec.otherQuestions) {
      const others = spec.otherQuestions;
      it('shares no question with the other QA sets', () => {
        const seen = new Set(others().map(normalise));
        expect(seen.size).toBeGreaterThan(0);
        expect(items.filter((i) => seen.has(normalise(i.question))).map((i) => i.id)).toEqual([]);
      });
    }

    it('language tag matches the question text', () => {
      for (const i of items) expect(/\p{Script=Han}/u.test(i.question), `${i.id}: ${i.question}`).toBe(i.lang === 'zh');
    });

    it('every gold source is a corpus document and every gold quote is verbatim in the body of its cleaned file', () => {
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

    it(`every keyword of an answerable question appears in its gold ${keywordsIn}`, () => {
      const missing: string[] = [];
      for (const i of items.filter((x) => x.answerable)) {
        const evidence =
          keywordsIn === 'quotes'
            ? i.gold.map((g) => g.quote).join('\n')
            : i.gold.map((g) => bySource.get(g.source)?.raw ?? '').join('\n');
        const haystack = normalise(evidence);
        for (const k of i.keywords) if (!haystack.includes(normalise(k))) missing.push(`${i.id}: ${k}`);
      }
      expect(missing).toEqual([]);
    });

    if (spec.citesEveryDocument) {
      it('cites every corpus document somewhere among its gold quotes', () => {
        const cited = new Set(items.flatMap((i) => i.gold.map((g) => g.source)));
        expect([...cited].sort()).toEqual(docs.map((d) => d.source).sort());
      });
    }
  });
}
