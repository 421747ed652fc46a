/** The two seed documents, used as they are: the JSON examples are cut out of the stored text. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = join(import.meta.dirname, '..', 'fixtures')

/** The DeskDirector seed's example payload: a JSON array of one ChatSession (as delivered). */
export function deskDirectorSeedBody(): string {
  const text = readFileSync(join(dir, '000_a9ba8720e72bbbd9.txt'), 'utf8')
  const start = text.indexOf('```json')
  const end = text.indexOf('```', start + 7)
  return text.slice(text.indexOf('\n', start) + 1, end).trim()
}

/** The DeskDirector seed payload, parsed. */
export function deskDirectorSeed(): Record<string, unknown>[] {
  return JSON.parse(deskDirectorSeedBody())
}

/** The HelpCrunch seed's example list response `{data:[chat], meta:{total}}`, parsed. */
export function helpCrunchSeed(): { data: Record<string, unknown>[]; meta: { total: number } } {
  const text = readFileSync(join(dir, '004_cf95bebf31f80151.txt'), 'utf8')
  const start = text.indexOf('{\n  "data"')
  const end = text.indexOf('\n}\n', start)
  return JSON.parse(text.slice(start, end + 2))
}
