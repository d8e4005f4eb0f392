/**
 * The write side of the documents folder (the read side is src/corpus/added.ts). Every change
 * happens under a lock file and ends with one atomic step — renaming a new manifest.json over the
 * old — so a process killed at any moment leaves the folder as it was before or after the change,
 * never in between: a cleaned file written but not yet listed is ignored by the loader and swept by
 * the next change.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ADDED_MANIFEST, readAddedManifest, type AddedEntry, type AddedManifest } from '../corpus/added';
import { DocumentRejected } from './rejection';

const LOCK = '.lock';
/** A lock older than this is from a process that hung or died without cleaning up. */
const STALE_LOCK_MS = 10 * 60_000;

/** Writes a file and flushes it to disk before anyone can see it under its final name. */
function writeDurably(path: string, data: string): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a directory entry (the rename) to disk; not every platform allows opening a directory. */
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort (Windows).
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder's lock (waiting up to `waitMs` for another process), runs `fn`, releases it. */
export async function withDocumentsLock<T>(dir: string, fn: () => Promise<T> | T, waitMs = 30_000): Promise<T> {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, LOCK);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, `${hostname()} ${process.pid}`);
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let host = '';
      let holder = NaN;
      let age = 0;
      try {
        [host, holder] = ((t) => [t[0] ?? '', Number(t[1])] as const)(readFileSync(lock, 'utf8').trim().split(' '));
        age = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      // A lock whose process is gone (killed mid-import) is taken over. On a shared folder the holder
      // may run on another machine, where its pid means nothing here: only age frees those.
      const ours = host === hostname() && Number.isInteger(holder) && holder > 0;
      if ((ours && !alive(holder) && age > 1000) || age > STALE_LOCK_MS) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new DocumentRejected('busy');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/**
 * Test hook: with ENCLAVE_TEST_PAUSE_AT=<stage> the process stops at that stage (saying so on
 * stderr) until it is killed, so a test can kill an import at a known point.
 */
export async function pausePoint(stage: 'written' | 'indexing'): Promise<void> {
  if (process.env.ENCLAVE_TEST_PAUSE_AT !== stage) return;
  process.stderr.write(`paused at ${stage}\n`);
  await new Promise(() => setInterval(() => undefined, 60_000));
}

/**
 * Temporary files of a change that did not finish (the caller holds the lock, so none is in
 * progress). A cleaned file renamed into place but never listed is left: the loader ignores it and
 * adding the document again replaces it.
 */
function sweep(dir: string): void {
  for (const name of readdirSync(dir)) if (name.startsWith('.tmp-')) rmSync(join(dir, name), { force: true });
}

function publishManifest(dir: string, manifest: AddedManifest): void {
  const tmp = join(dir, `.tmp-manifest-${process.pid}-${randomBytes(3).toString('hex')}.json`);
  writeDurably(tmp, JSON.stringify(manifest, null, 2) + '\n');
  renameSync(tmp, join(dir, ADDED_MANIFEST));
  syncDir(dir);
}

/**
 * Adds one cleaned document. `check` runs under the lock against the manifest as it is then (another
 * process may have added the same document meanwhile) and throws to refuse.
 */
export async function commitAdd(dir: string, entry: AddedEntry, markdown: string, check: (current: AddedManifest) => void): Promise<void> {
  await withDocumentsLock(dir, async () => {
    const { manifest } = readAddedManifest(dir);
    sweep(dir);
    check(manifest);
    const tmp = join(dir, `.tmp-${entry.id}-${randomBytes(3).toString('hex')}.md`);
    writeDurably(tmp, markdown);
    await pausePoint('written');
    renameSync(tmp, join(dir, entry.file));
    // The commit point: until this rename the document is not part of the corpus.
    publishManifest(dir, { version: 1, documents: [...manifest.documents, entry] });
  });
}

/** Removes an added document: first from the manifest (the commit point), then its file. */
export async function commitRemove(dir: string, id: string): Promise<AddedEntry> {
  return withDocumentsLock(dir, () => {
    const { manifest } = readAddedManifest(dir);
    const entry = manifest.documents.find((d) => d.id === id);
    if (!entry) throw new DocumentRejected('unknown-id', { other: id });
    publishManifest(dir, { version: 1, documents: manifest.documents.filter((d) => d.id !== id) });
    rmSync(join(dir, entry.file), { force: true });
    return entry;
  });
}

export function documentsFolderExists(dir: string): boolean {
  return existsSync(join(dir, ADDED_MANIFEST));
}
