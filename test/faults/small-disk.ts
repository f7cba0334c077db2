/**
 * A small disk for the disk-full fault: a tmpfs mounted by the test and removed after it.
 * Mounting needs root (or CAP_SYS_ADMIN); where it is not allowed, the tests that need a
 * real full disk say so and skip, and the record-level test falls back to a simulated
 * ENOSPC.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** A mounted tmpfs of a few megabytes. */
export interface SmallDisk {
  root: string;
  /** Fills the disk so that only about `leaveBytes` stay free. */
  fill(leaveBytes: number): void;
  /** Deletes the filler, freeing the space it took. */
  free(): void;
  /** Bytes still free. */
  available(): number;
  unmount(): void;
}

/** Mounts a tmpfs of `size` (such as `2m`) at `root`; undefined when mounting is not allowed. */
export function mountSmallDisk(root: string, size: string): SmallDisk | undefined {
  mkdirSync(root, { recursive: true });
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', root], {
    encoding: 'utf8',
  });
  if (mounted.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    return undefined;
  }

  const filler = join(root, 'filler');
  const available = (): number => {
    const stats = statfsSync(root);
    return stats.bavail * stats.bsize;
  };

  return {
    root,
    available,
    fill(leaveBytes) {
      const fd = openSync(filler, 'a');
      const block = Buffer.alloc(4096, 0x66);
      try {
        while (available() > leaveBytes) {
          writeSync(fd, block, 0, Math.min(block.length, available() - leaveBytes));
        }
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      spawnSync('umount', ['-l', root]);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
