/**
 * Real storage faults for tests, without mocks: a small tmpfs (a disk that fills up after a few
 * hundred KiB, and that can be remounted read-only), and commands run as an unprivileged user
 * (root ignores file modes, so a read-only file exists only for another user).
 *
 * Mounting needs root (CI and the dev machines run tests as root). Where mounting is refused,
 * `mountSmallDisk` returns the reason, and the tests that need a disk skip with it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A mounted tmpfs of a fixed size; `unmount()` removes it and its mount point. */
export interface SmallDisk {
  readonly path: string;
  readonly sizeBytes: number;
  /** Remounts it read-only (EROFS on every write, as on a read-only disk). */
  readOnly(): void;
  unmount(): void;
}

function run(command: string, args: readonly string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  if (result.error !== undefined) return result.error.message;
  if (result.status !== 0) return (result.stderr || `${command} exited with ${result.status}`).trim();
  return undefined;
}

/** Mounts a tmpfs of `sizeBytes` (rounded up to pages) in a new temporary folder, or says why it cannot. */
export function mountSmallDisk(sizeBytes: number): SmallDisk | { refused: string } {
  if (process.platform !== 'linux')
    return { refused: `tmpfs mounts need Linux (this is ${process.platform})` };
  if (process.getuid?.() !== 0)
    return { refused: 'mounting a tmpfs needs root (the tests run as root in CI)' };
  const path = mkdtempSync(join(tmpdir(), 'cnnkit-small-disk-'));
  const refused = run('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=1777`, 'tmpfs', path]);
  if (refused !== undefined) {
    rmSync(path, { recursive: true, force: true });
    return { refused: `mount -t tmpfs was refused: ${refused}` };
  }
  return {
    path,
    sizeBytes,
    readOnly() {
      const failed = run('mount', ['-o', 'remount,ro', path]);
      if (failed !== undefined) throw new Error(`cannot remount ${path} read-only: ${failed}`);
    },
    unmount() {
      run('umount', ['-l', path]);
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/** The uid and gid of `nobody` (65534 on Debian), for running a command without root's powers. */
export const UNPRIVILEGED = { uid: 65534, gid: 65534 } as const;
