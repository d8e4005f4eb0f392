import { expect, it } from 'vitest';
import { DevItemSchema, loadDevset, parseDevset } from '../eval/devset';
import { describeQaSet } from './helpers/qa-set';

const items = loadDevset();

describeQaSet(
  'dev QA set (eval/devset.jsonl)',
  // Keywords may come from anywhere in the cited documents (the hold-out sets demand the gold quotes).
  { items, keywordsIn: 'documents', questionKey: (q) => q },
  () => {
    it('has at least 50 questions in both languages, 10+ unanswerable, every type present', () => {
      expect(items.length).toBeGreaterThanOrEqual(50);
      const zh = items.filter((i) => i.lang === 'zh').length;
      const en = items.filter((i) => i.lang === 'en').length;
      expect(zh).toBeGreaterThanOrEqual(20);
      expect(en).toBeGreaterThanOrEqual(20);
      expect(items.filter((i) => !i.answerable).length).toBeGreaterThanOrEqual(10);
      for (const lang of ['zh', 'en'] as const) {
        expect(items.filter((i) => i.lang === lang && !i.answerable).length, `${lang} unanswerable`).toBeGreaterThanOrEqual(3);
      }
      const types = new Set(items.map((i) => i.type));
      for (const t of ['fact', 'definition', 'paraphrase', 'multi_doc', 'unanswerable']) expect(types, t).toContain(t);
    });

    it('the schema rejects malformed items', () => {
      const good = items.find((i) => i.answerable)!;
      expect(DevItemSchema.safeParse(good).success).toBe(true);
      expect(DevItemSchema.safeParse({ ...good, lang: 'fr' }).success).toBe(false);
      expect(DevItemSchema.safeParse({ ...good, answerable: false }).success).toBe(false);
      expect(DevItemSchema.safeParse({ ...good, gold: [] }).success).toBe(false);
      expect(DevItemSchema.safeParse({ ...good, extra: 1 }).success).toBe(false);
      expect(() => parseDevset('{"id":"zh-001"}\nnot json')).toThrow(/line 1.*\n.*line 2/s);
    });
  },
);
