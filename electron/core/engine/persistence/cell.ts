/**
 * A small durable value (DND state, poll high-water mark, snooze overlays): one JSON file, validated with
 * zod on load, written atomically on every change. Memory-only when there is no state directory.
 */
import { basename } from 'node:path'
import type { z } from 'zod'
import type { Logger } from '../log'
import { readTextIfExists, setAside, writeFileAtomic } from './atomic-file'

/** A value that survives a restart (or not, in memory mode). */
export interface Cell<T> {
  get(): T
  /** Stores the value; a failed write is logged, never thrown (the value stays in memory). */
  set(value: T): void
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

/** A cell backed by `path`; a missing file gives `fallback`, a corrupt one is set aside and gives `fallback`. */
export function fileCell<T>(path: string, schema: z.ZodType<T>, fallback: T, log: Logger, now: () => number): Cell<T> {
  let value = load(path, schema, log, now) ?? fallback
  let written = JSON.stringify(value)
  return {
    get: () => value,
    set(next) {
      value = next
      const text = JSON.stringify(next)
      if (text === written) return
      try {
        writeFileAtomic(path, text)
        written = text
      } catch (error) {
        log.error('could not save state', { file: basename(path), error: (error as Error).message })
      }
    },
  }
}

function load<T>(path: string, schema: z.ZodType<T>, log: Logger, now: () => number): T | null {
  let text: string | null
  try {
    text = readTextIfExists(path)
  } catch (error) {
    setAside(path, (error as Error).message, log, now())
    return null
  }
  if (text === null) return null
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    setAside(path, `not JSON: ${(error as Error).message}`, log, now())
    return null
  }
  const parsed = schema.safeParse(json)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  setAside(path, `"${issue?.path.join('.')}": ${issue?.message}`, log, now())
  return null
}
