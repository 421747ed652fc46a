/** A small tmpfs for tests of a full disk (Linux, as root); elsewhere tests skip with `tmpfsUnavailable()`'s reason. */
import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Why no tmpfs can be mounted here, or null when one can. */
export function tmpfsUnavailable(): string | null {
  if (process.platform !== 'linux') return 'a tmpfs is Linux only'
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root'
  try {
    execFileSync('mount', ['--version'], { stdio: 'ignore' })
  } catch {
    return 'no mount command (Debian package mount)'
  }
  // Root in a container may still lack the right to mount (CAP_SYS_ADMIN): try once.
  try {
    mountTmpfs(64).unmount()
  } catch {
    return 'cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?)'
  }
  return null
}

/** A mounted tmpfs of `sizeKb` and a way to fill it up and to free it. */
export interface SmallDisk {
  dir: string
  /** Writes a filler file until the disk refuses more. */
  fill(): void
  /** Deletes the filler: the disk has room again. */
  free(): void
  unmount(): void
}

/** Mounts a tmpfs of `sizeKb` on a new temp directory. */
export function mountTmpfs(sizeKb: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'chat-tray-tmpfs-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0700`, 'tmpfs', dir], { stdio: 'ignore' })
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  const filler = join(dir, 'filler')
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a')
      const chunk = Buffer.alloc(4096, 0x78)
      try {
        for (;;) if (writeSync(fd, chunk) < chunk.length) break
      } catch {
        // ENOSPC: full.
      } finally {
        closeSync(fd)
      }
    },
    free() {
      rmSync(filler, { force: true })
    },
    unmount() {
      try {
        execFileSync('umount', ['-l', dir])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
