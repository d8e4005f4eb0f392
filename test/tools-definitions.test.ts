import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { classifyMode, computeSplit, estimateOutput, toolDefinitions } from '../src/tools';

describe('toolDefinitions for the LLM agent', () => {
  it('exposes the three tools with JSON-schema-convertible zod schemas', () => {
    expect(toolDefinitions.map((t) => t.name)).toEqual(['compute_benefit_split', 'estimate_output', 'classify_enclave_mode']);
    for (const t of toolDefinitions) {
      const js = z.toJSONSchema(t.schema) as { type?: string; properties?: object };
      expect(js.type).toBe('object');
      expect(Object.keys(js.properties ?? {}).length).toBeGreaterThan(0);
      expect(t.description.length).toBeGreaterThan(40);
    }
  });

  it('run gives the same results as the functions the CLI uses, valid against the result schemas', () => {
    const split = { revenue: 1000, parties: [{ name: 'A', share: 6 }, { name: 'B', share: 4 }] };
    const [s, e, c] = toolDefinitions;
    expect(s.run(split)).toEqual(computeSplit(split));
    expect(s.resultSchema.parse(s.run(split))).toBeTruthy();
    expect(e.run({ area: { km2: 2 }, outputPerMu: 250 })).toEqual(estimateOutput({ area: { km2: 2 }, outputPerMu: 250 }));
    const r = c.run({ text: '几个薄弱村抱团建消薄飞地' });
    expect(r).toEqual(classifyMode({ text: '几个薄弱村抱团建消薄飞地' }));
    expect(c.resultSchema.parse(r).primary).toBe('xiaobo');
  });
});
