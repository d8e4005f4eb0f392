/**
 * Session files under DATA_DIR, in the layout of @grammyjs/storage-file (`<dir>/<last 2 chars of
 * key>/<key>.json`, so existing data keeps working) but safe where that adapter is not:
 * - a failed read (EMFILE under a burst, EACCES, EIO) is an error, not "no session" — the plugin
 *   would then write a fresh default over the user's real session;
 * - writes go to a temporary file, flushed to disk (fsync) and then renamed into place, so a
 *   process killed mid-write, a full disk or a power loss never leaves a truncated record behind;
 *   temporary files left by a killed process are swept at start (sweepStale);
 * - an unparsable record is reported as CorruptRecordError, which the caller may treat as absent.
 */
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { StorageAdapter } from 'grammy';

export class CorruptRecordError extends Error {
  constructor(
    readonly key: string,
    readonly path: string,
    cause: unknown,
  ) {
    super(`stored record ${path} is not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`);
    this.name = 'CorruptRecordError';
  }
}

export class AtomicFileStore<T> implements StorageAdapter<T> {
  private readonly root: string;
  constructor(dirName: string) {
    this.root = resolve(dirName);
  }

  private path(key: string): { dir: string; file: string } {
    // Keys are `<chat id>_<user id>`; never let one name a path outside the store.
    const safe = key.replace(/[^\w-]/g, '_');
    const dir = join(this.root, safe.slice(-2));
    return { dir, file: join(dir, `${safe}.json`) };
  }

  async read(key: string): Promise<T | undefined> {
    const { file } = this.path(key);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    try {
      return JSON.parse(text) as T;
    } catch (e) {
      throw new CorruptRecordError(key, file, e);
    }
  }

  async write(key: string, value: T): Promise<void> {
    const { dir, file } = this.path(key);
    await mkdir(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      const fh = await open(tmp, 'w');
      try {
        await fh.writeFile(JSON.stringify(value), 'utf8');
        // On disk before the rename makes it the record: after a power loss the record is the old or the new one, whole.
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, file);
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
  }

  /** Removes temporary files older than `olderThanMs` (left by a process killed mid-write); returns how many. */
  async sweepStale(olderThanMs = 60_000): Promise<number> {
    let names: string[];
    try {
      names = (await readdir(this.root, { recursive: true })).map(String);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw e;
    }
    let n = 0;
    const before = Date.now() - olderThanMs;
    for (const name of names.filter((f) => f.endsWith('.tmp'))) {
      const path = join(this.root, name);
      const st = await stat(path).catch(() => undefined);
      if (st && st.mtimeMs < before) {
        await rm(path, { force: true });
        n++;
      }
    }
    return n;
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key).file, { force: true });
  }
}
