/**
 * A small durable value (DND state, poll high-water mark, snooze overlays): one JSON file, validated with
 * zod on load, written atomically on every change. Memory-only when there is no state directory. A write that
 * fails (a full or read-only disk) keeps the value in memory, is told to the state health, and is retried until
 * the disk takes it — a snooze made while the disk was full is saved later, not lost at the next restart.
 */
import { basename } from 'node:path'
import type { z } from 'zod'
import type { Logger } from '../log'
import { readTextIfExists, setAside, writeFileAtomic } from './atomic-file'
import type { StateHealth } from './state-health'

/** A value that survives a restart (or not, in memory mode). */
export interface Cell<T> {
  get(): T
  /** Stores the value; a failed write is logged and retried, never thrown (the value stays in memory). */
  set(value: T): void
  /** Final (runtime stop): one last try to write what waits, then no more retries. */
  close?(): void
}

/** A cell living only in memory. */
export function memoryCell<T>(initial: T): Cell<T> {
  let value = initial
  return {
    get: () => value,
    set(next) {
      value = next
    },
  }
}

/** How a file cell reports and retries. */
export interface FileCellOptions {
  health?: StateHealth
  /** How often a failed write is retried (ms). */
  retryMs?: number
  /** Replaces the file atomically (tests inject a failing one). */
  write?: (path: string, text: string) => void
}

/** A cell backed by `path`; a missing file gives `fallback`, a corrupt one is set aside and gives `fallback`. */
export function fileCell<T>(
  path: string,
  schema: z.ZodType<T>,
  fallback: T,
  log: Logger,
  now: () => number,
  options: FileCellOptions = {},
): Cell<T> {
  const name = basename(path)
  const write = options.write ?? writeFileAtomic
  let value = load(path, schema, log, now, options.health) ?? fallback
  let written = JSON.stringify(value)
  let failing = false
  let retry: NodeJS.Timeout | null = null
  const save = () => {
    const text = JSON.stringify(value)
    if (text === written) return
    try {
      write(path, text)
      written = text
    } catch (error) {
      if (!failing) log.error('could not save state; retrying', { file: name, error: (error as Error).message })
      failing = true
      options.health?.unsavedChanged(name, 1, error as NodeJS.ErrnoException)
      retry ??= setTimeout(() => {
        retry = null
        save()
      }, options.retryMs ?? 5_000)
      retry.unref?.()
      return
    }
    if (!failing) return
    failing = false
    if (retry) clearTimeout(retry)
    retry = null
    log.info('state saved again after a failed write', { file: name })
    options.health?.unsavedChanged(name, 0, null)
  }
  return {
    get: () => value,
    set(next) {
      value = next
      save()
    },
    close() {
      if (retry) clearTimeout(retry)
      retry = null
      if (!failing) return
      save()
      if (retry) clearTimeout(retry)
      retry = null
      if (failing) log.error('state not saved before stopping', { file: name })
    },
  }
}

function load<T>(path: string, schema: z.ZodType<T>, log: Logger, now: () => number, health?: StateHealth): T | null {
  let text: string | null
  try {
    text = readTextIfExists(path)
  } catch (error) {
    setAside(path, (error as Error).message, log, now())
    health?.badLines(basename(path), 1)
    return null
  }
  if (text === null) return null
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    setAside(path, `not JSON: ${(error as Error).message}`, log, now())
    health?.badLines(basename(path), 1)
    return null
  }
  const parsed = schema.safeParse(json)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  setAside(path, `"${issue?.path.join('.')}": ${issue?.message}`, log, now())
  health?.badLines(basename(path), 1)
  return null
}
