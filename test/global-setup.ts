/**
 * Builds the real corpus's search index once per test run into a temp dir and hands its path to the
 * workers (inject('realIndexDir')), so each test file only loads it (test/helpers/real-advisor.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openRetriever } from '../src/retrieval';

declare module 'vitest' {
  export interface ProvidedContext {
    realIndexDir: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'real-index-'));
  await openRetriever({ corpusDir: 'corpus', indexDir: dir });
  project.provide('realIndexDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
