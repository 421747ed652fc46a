/**
 * Crash-safe file primitives for the state directory: a write is temp file + fsync + rename (+ directory
 * fsync), so a reader sees the old or the new content, never half of it; an unreadable file is moved aside
 * as `<name>.corrupt-<timestamp>` instead of blocking start-up.
 */
import {
  closeSync,
  copyFileSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Logger } from '../log'
import { PRIVATE_FILE_MODE } from './private-files'

const TEMP_MARK = '.tmp-'

/** Replaces `path` with `text` atomically and durably. Throws on I/O failure (callers decide how to report). */
export function writeFileAtomic(path: string, text: string): void {
  const temp = `${path}${TEMP_MARK}${process.pid}`
  // The mode applies when the temp file is created, and the rename keeps it: the file is never readable by others.
  const fd = openSync(temp, 'w', PRIVATE_FILE_MODE)
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, path)
  syncDirectory(dirname(path))
}

/** Makes a rename durable (best effort: some platforms cannot open a directory). */
export function syncDirectory(dir: string): void {
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** Reads a file, or null if it does not exist. Other errors (EACCES, EISDIR) are thrown. */
export function readTextIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/** Where a corrupt copy of `path` goes. */
export function corruptPathFor(path: string, now: number): string {
  return `${path}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`
}

/**
 * Moves (or, with `keepOriginal`, copies) a bad state file aside with a warning. Never throws: if even that
 * fails the file is left where it is and the warning says so.
 */
export function setAside(path: string, why: string, log: Logger, now: number, keepOriginal = false): string | null {
  const target = corruptPathFor(path, now)
  try {
    if (keepOriginal) copyFileSync(path, target)
    else renameSync(path, target)
    log.warn('state file unreadable; moved aside and started fresh', {
      file: basename(path),
      movedTo: basename(target),
      why,
    })
    return target
  } catch (error) {
    log.warn('state file unreadable and could not be moved aside; ignoring it', {
      file: basename(path),
      why,
      error: (error as Error).message,
    })
    return null
  }
}

/**
 * Deletes temp files of `names` a crash mid-write left behind (their rename never happened, so they hold
 * nothing committed). Only our own files: the directory may be shared (the app's userData).
 */
export function removeStaleTemps(dir: string, names: readonly string[], log: Logger): number {
  let removed = 0
  for (const name of readdirSync(dir)) {
    const at = name.indexOf(TEMP_MARK)
    if (at <= 0 || !names.includes(name.slice(0, at)) || !/^\d+$/.test(name.slice(at + TEMP_MARK.length))) continue
    try {
      rmSync(join(dir, name), { force: true })
      removed++
    } catch (error) {
      log.warn('could not remove a leftover temp file', { file: name, error: (error as Error).message })
    }
  }
  if (removed > 0) log.info('removed temp files left by an interrupted write', { count: removed })
  return removed
}
