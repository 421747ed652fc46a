/** Reads an NDJSON state file written by an earlier run: valid lines in order, and how many were not. */
import type { z } from 'zod'

/** Parses each non-empty line with `schema`; unreadable or invalid lines are counted, never thrown. */
export function parseNdjsonLines<T extends z.ZodType>(
  lines: Iterable<string>,
  schema: T,
): { items: z.output<T>[]; invalid: number } {
  const items: z.output<T>[] = []
  let invalid = 0
  for (const raw of lines) {
    if (raw.trim() === '') continue
    let parsed: unknown
    try {
      parsed = JSON.parse(raw)
    } catch {
      invalid++
      continue
    }
    const result = schema.safeParse(parsed)
    if (result.success) items.push(result.data)
    else invalid++
  }
  return { items, invalid }
}
