import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load';
import { DevItemSchema, loadDevset, parseDevset } from '../eval/devset';

const items = loadDevset();
const docs = loadCorpus('corpus');
const bySource = new Map(docs.map((d) => [d.source, d]));

describe('dev QA set (eval/devset.jsonl)', () => {
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

  it('has unique ids and unique questions', () => {
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(new Set(items.map((i) => i.question)).size).toBe(items.length);
  });

  it('language tag matches the question text', () => {
    for (const i of items) {
      const hasHan = /\p{Script=Han}/u.test(i.question);
      expect(hasHan, `${i.id}: ${i.question}`).toBe(i.lang === 'zh');
    }
  });

  it('every gold source is a corpus document and every gold quote is verbatim in its cleaned file', () => {
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

  it('keywords of answerable questions appear in at least one of its gold quotes or their documents', () => {
    const strip = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
    const missing: string[] = [];
    for (const i of items.filter((x) => x.answerable)) {
      const evidence = strip(i.gold.map((g) => bySource.get(g.source)?.raw ?? '').join('\n'));
      for (const k of i.keywords) if (!evidence.includes(strip(k))) missing.push(`${i.id}: ${k}`);
    }
    expect(missing).toEqual([]);
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
});
