import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded database is one process's at a time: a second opener would corrupt it.
 * Returns the function that lets go of the folder.
 */
export function holdDataDirLock(dataDir: string): () => void {
  const lockFile = join(dataDir, 'tenpoint.lock');
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && isRunning(holder)) {
      throw new Error(
        `the embedded database in ${dataDir} is in use by process ${holder} (a running API?). ` +
          'Stop it first, or point DATABASE_URL at a Postgres server that both can share.',
      );
    }
    writeFileSync(lockFile, String(process.pid));
  }
  const release = () => rmSync(lockFile, { force: true });
  process.once('exit', release);
  return release;
}
