import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run train -- --only', () => {
  it('refuses a model it does not know, naming the ones it does, before loading anything', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'eval/train.ts', '--only', 'everything', '--dry-run'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Unknown --only everything: use decision, fusion, lists or sentences');
  });
});
