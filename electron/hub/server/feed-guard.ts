/**
 * The replay log's guard: a small fixed-size file next to the log saying how far ids may already have gone
 * (`reserved`: a later run starts above it, so no id is ever issued twice) and whether the log holds every
 * change streamed so far (`intact`: false while appends fail). It is overwritten in place, never grown or
 * replaced, so it can still be written when the disk is full and the log itself cannot be.
 */
import { closeSync, fstatSync, fsyncSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import { z } from 'zod'
import { writeFileAtomic } from '../../core/engine/persistence/atomic-file'

/** What the guard says. */
export interface GuardState {
  /** No id at or below this may be issued again. */
  reserved: number
  /** The log holds every change streamed up to its last line. */
  intact: boolean
}

/** The guard's size in bytes: its JSON, padded with spaces, and a newline. */
export const GUARD_BYTES = 128

const guardSchema = z.object({
  reserved: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  intact: z.boolean(),
})

/** The guard file at `path`; every method reports failure instead of throwing. */
export class FeedGuard {
  private fd: number | null = null

  constructor(private readonly path: string) {}

  /** The state an earlier run left, or null when there is none or it cannot be read. */
  read(): GuardState | null {
    let fd: number | null = null
    try {
      fd = openSync(this.path, 'r')
      const buffer = Buffer.alloc(GUARD_BYTES)
      const length = readSync(fd, buffer, 0, GUARD_BYTES, 0)
      const parsed = guardSchema.safeParse(JSON.parse(buffer.subarray(0, length).toString('utf8')))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    } finally {
      if (fd !== null) closeSync(fd)
    }
  }

  /**
   * Writes `state` in place and syncs it. The first write creates the file at its full size (that one needs
   * space: done at start); later ones reuse its blocks. Returns false when the write failed.
   */
  write(state: GuardState): boolean {
    const text = JSON.stringify(state)
    const buffer = Buffer.from(`${text.padEnd(GUARD_BYTES - 1, ' ')}\n`)
    try {
      if (this.fd === null) {
        if (!this.hasFullSize()) writeFileAtomic(this.path, buffer.toString('utf8'))
        this.fd = openSync(this.path, 'r+')
      }
      if (writeSync(this.fd, buffer, 0, GUARD_BYTES, 0) !== GUARD_BYTES) return false
      fsyncSync(this.fd)
      return true
    } catch {
      return false
    }
  }

  /** Deletes the file (needs no free space): with no guard, a later run trusts nothing in the log. */
  remove(): void {
    this.close()
    try {
      rmSync(this.path, { force: true })
    } catch {}
  }

  /** Closes the handle. */
  close(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd)
      } catch {}
    }
    this.fd = null
  }

  private hasFullSize(): boolean {
    let fd: number | null = null
    try {
      fd = openSync(this.path, 'r')
      return fstatSync(fd).size === GUARD_BYTES
    } catch {
      return false
    } finally {
      if (fd !== null) closeSync(fd)
    }
  }
}
