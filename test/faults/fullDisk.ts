import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, openPglite, type Sql, SqlEventStore } from '../../engine/store/index.ts';
import { blankCluster } from '../services.ts';

/**
 * The store's database on a disk that can be filled up and freed again. `tmpfs`: PGlite's folder
 * on a small tmpfs mounted for the test (root only), filled with a file until writes fail with
 * ENOSPC, so PostgreSQL itself hits the full disk. `simulated` (where nothing can be mounted):
 * PGlite in memory behind the SQL adapter seam, whose write transactions fail while "full" with
 * the error PostgreSQL gives on a full disk (SQLSTATE 53100, "could not extend file … No space
 * left on device") — reads and deletes go through, as they do on a real full disk.
 */
export type FullDisk = {
  readonly kind: 'tmpfs' | 'simulated';
  /** The store's event store (with its outbox) on this disk. */
  open(): Promise<EventStore>;
  fill(): void;
  free(): void;
  /** Unmounts and removes everything (close the store first). */
  dispose(): void;
};

const MB = 1024 * 1024;

/** A tmpfs disk when this process may mount one, else (or with VARV_FAULT_DISK=simulated) the simulated one, and why. */
export async function fullDisk(sizeMb = 64): Promise<{ disk: FullDisk; why?: string }> {
  if (process.env.VARV_FAULT_DISK === 'simulated')
    return {
      disk: simulatedDisk(),
      why: 'VARV_FAULT_DISK=simulated: ENOSPC is simulated at the SQL adapter',
    };
  const dir = mkdtempSync(join(tmpdir(), 'varv-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const why = `cannot mount a tmpfs (${String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim()}): ENOSPC is simulated at the SQL adapter`;
    return { disk: simulatedDisk(), why };
  }
  return { disk: tmpfsDisk(dir) };
}

function tmpfsDisk(dir: string): FullDisk {
  const filler = join(dir, 'filler');
  return {
    kind: 'tmpfs',
    async open() {
      return SqlEventStore.open(await openPglite(join(dir, 'db'), { from: await blankCluster() }));
    },
    fill() {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(MB);
      try {
        for (let size = chunk.length; size >= 512; ) {
          try {
            writeSync(fd, chunk, 0, size);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
            size >>= 1; // the last few blocks, in smaller writes
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    dispose() {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function simulatedDisk(): FullDisk {
  let full = false;
  const enospc = () =>
    Object.assign(new Error('could not extend file "base/5/16409": No space left on device'), {
      code: '53100',
      severity: 'ERROR',
    });
  return {
    kind: 'simulated',
    async open() {
      const sql = await openPglite(undefined, { from: await blankCluster() });
      const onFullDisk: Sql = {
        ...sql,
        transaction: (fn) => (full ? Promise.reject(enospc()) : sql.transaction(fn)),
      };
      return SqlEventStore.open(onFullDisk);
    },
    fill() {
      full = true;
    },
    free() {
      full = false;
    },
    dispose() {},
  };
}
