import { describe, expect, it } from 'vitest';
import { useRealAdvisor } from './helpers/real-advisor';

const fx = useRealAdvisor('advisor-name-parts');

describe('an unglossed word inside a glossed English name', () => {
  it('is part of the name, not a name the Chinese evidence must repeat', () => {
    // (tech is glossed since round 11 — 科技 — and still no name of its own)
    const tech = fx.concepts('What happens at the Kecheng Future Tech Village?').find((c) => c.label === 'tech' || c.alts.includes('tech'));
    expect(tech).toBeDefined();
    expect(tech!.role).not.toBe('entity');
  });

  it('an unknown word in such a name stays a name', () => {
    const tokyo = fx.concepts('What happens at the Tokyo Future Village?').find((c) => c.label === 'tokyo');
    expect(tokyo?.role).toBe('entity');
  });

  it('a figure question naming the place by its English name is answered with the figure', async () => {
    const r = await fx.advisor.ask('How many sci-tech projects are being incubated by enclaves like the Kecheng Future Tech Village?');
    expect(r.answered).toBe(true);
    expect(r.citations.map((c) => c.quote).join('')).toContain('173');
  });
});

describe('a count of kinds', () => {
  it('a lone numeral with a kind counter counts the noun after it', async () => {
    const { hasFreshFigure } = await import('../src/advisor/question');
    expect(hasFreshFigure('设立三类节点，形成递进式布局', [], 'count', undefined, ['节点'])).toBe(true);
    expect(hasFreshFigure('设立三类节点，形成递进式布局', [], 'count', undefined, ['飞地'])).toBe(false);
  });

  it('"how many kinds of X" measures X, not the kind word', async () => {
    const { measuredConcept } = await import('../src/advisor/decline');
    const { questionShape } = await import('../src/advisor/question');
    const q = 'How many types of nodes are set up under the enclave relay mode?';
    expect(measuredConcept(q, fx.concepts(q), questionShape(q))?.alts).toContain('节点');
  });

  it('the sentence giving the count of the measured noun leads the answer', async () => {
    const r = await fx.advisor.ask('The enclave relay mode splits the industrial chain into how many types of nodes?');
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.quote).toContain('三类节点');
  });
});

describe('a definition question about a rare notion', () => {
  it('quotes what the papers say of that notion, not another term’s definition', async () => {
    const r = await fx.advisor.ask('What does new regionalism mean for how enclave innovation is governed?');
    expect(r.answered).toBe(true);
    const quotes = r.citations.map((c) => c.quote);
    expect(quotes.some((q) => q.includes('新区域主义'))).toBe(true);
    expect(quotes.some((q) => /^飞地原是指|^产业飞地是指/.test(q))).toBe(false);
  });
});

describe('a question asking which places', () => {
  it('finds the place kind it asks for and leaves its own names aside', async () => {
    const { placeKind } = await import('../src/advisor/select');
    const q = 'Which cities host the incubation platforms that Quzhou runs elsewhere?';
    const asks = placeKind(q, fx.concepts(q));
    expect(asks?.kind?.alts).toContain('城市');
    expect(asks?.own).toContain('衢州');
    expect(placeKind('How is the tax revenue of Quzhou shared?', fx.concepts('How is the tax revenue of Quzhou shared?'))).toBeUndefined();
  });

  it('is answered by a sentence naming the places, not one that only says 城市', async () => {
    for (const q of ["Which big cities have Quzhou's own incubation or innovation platforms?", 'In what cities does Quzhou run innovation or incubation platforms of its own?']) {
      const r = await fx.advisor.ask(q);
      expect(r.answered, q).toBe(true);
      expect(r.citations[0]?.quote, q).toMatch(/上海|北京|深圳/);
    }
  });
});
