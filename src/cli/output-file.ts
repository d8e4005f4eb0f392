/**
 * Writes a file the user named on the command line (--png, --xlsx) all or nothing: into a
 * temporary file beside it, then renamed over the target, so a failure never leaves half a
 * picture or workbook behind. Failures become one UserError line saying what to do.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { UserError } from '../errors';

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err?.code ?? (e instanceof Error ? e.message : String(e));
}

export async function writeOutputFile(flag: string, path: string, data: Buffer): Promise<void> {
  if (!path.trim()) throw new UserError(`${flag} needs a file name, e.g. ${flag} out${flag === '--xlsx' ? '.xlsx' : '.png'}`);
  const target = resolve(path);
  const dir = dirname(target);
  const dirStat = await stat(dir).catch(() => undefined);
  if (!dirStat) throw new UserError(`${flag} ${path}: the folder ${dir} does not exist; create it first or give a path in an existing folder`);
  if (!dirStat.isDirectory()) throw new UserError(`${flag} ${path}: ${dir} is not a folder; give a path in an existing folder`);
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new UserError(`${flag} ${path} is a folder; give a file name, e.g. ${flag} ${path.replace(/\/+$/, '')}/out${flag === '--xlsx' ? '.xlsx' : '.png'}`);
  const tmp = resolve(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    const code = reason(e);
    const why =
      code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the file system is read-only' : code === 'ENOSPC' ? 'the disk is full' : code === 'ENOENT' ? 'the folder takes no new files' : code;
    throw new UserError(`${flag} ${path}: cannot write the file (${why}); choose a path you can write to`);
  }
}
