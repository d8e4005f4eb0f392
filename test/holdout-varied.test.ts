/**
 * The blind sets written for the knowledge layer (eval/holdout9 … holdout15, holdout18 … holdout21, holdout23;
 * holdout16 has keywords outside its gold quotes, holdout17, holdout22, holdout24 and holdout25 repeat questions of an
 * earlier set, written independently): an outsider's style —
 * paraphrase, whole lists, figures in other word order, colloquial, Traditional characters,
 * English paraphrase, partial questions, follow-ups with their `context`, unknown parks. Each was
 * written from the five papers alone and measured once before anybody looked at its failures
 * (eval/README.md keeps the first figures). The shared checks: verbatim gold, keywords inside it,
 * no question shared with an earlier set.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { countWhere, describeQaSet, evalPath, loadQaSet, strip } from './helpers/qa-set';

const SETS = ['holdout9', 'holdout10', 'holdout11', 'holdout12', 'holdout13', 'holdout14', 'holdout15', 'holdout18', 'holdout19', 'holdout20', 'holdout21', 'holdout23'].filter((n) => existsSync(evalPath(n)));
const EARLIER = ['devset', 'fresh', 'holdout', 'holdout2', 'holdout3', 'holdout4', 'holdout5', 'holdout6', 'holdout7', 'holdout8'];

for (const name of SETS) {
  const items = loadQaSet(name);
  const before = [...EARLIER, ...SETS.slice(0, SETS.indexOf(name))];
  describeQaSet(
    `blind varied-style QA set (eval/${name}.jsonl)`,
    {
      items,
      normalise: (s) => strip(s).toLowerCase(),
      keywordsIn: 'quotes',
      ids: /^(zh|en)-\d{3,4}$/,
      otherQuestions: () =>
        before
          .map(evalPath)
          .filter((p) => existsSync(p))
          .flatMap((p) => readFileSync(p, 'utf8').split(/\r?\n/).filter(Boolean).map((l) => JSON.parse(l) as { question?: unknown; context?: unknown }))
          // A follow-up is its question together with its context: 那钱怎么分？ after another question is another question.
          .filter((i) => !i.context)
          .map((i) => String(i.question ?? '')),
      citesEveryDocument: true,
    },
    () => {
      it('asks in both languages and in an outsider’s styles: lists, unanswerable questions, and (where planned) follow-ups with their context', () => {
        expect(countWhere(items, (i) => i.lang === 'zh')).toBeGreaterThan(30);
        expect(countWhere(items, (i) => i.lang === 'en')).toBeGreaterThan(20);
        expect(countWhere(items, (i) => i.type === 'list')).toBeGreaterThanOrEqual(10);
        expect(countWhere(items, (i) => !i.answerable)).toBeGreaterThanOrEqual(5);
        for (const i of items.filter((x) => x.type === 'followup')) expect(i.context, i.id).toBeTruthy();
      });
    },
  );
}
