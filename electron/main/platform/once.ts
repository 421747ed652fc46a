/** Notices shown once per user, ever (e.g. "no tray on this desktop"): remembered in a small file in userData. */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const FILE = 'notices-shown.json'

/** Runs `show` unless `id` was shown before in `dir`; remembers it. A file that cannot be read counts as empty. */
export function once(dir: string, id: string, show: () => void): void {
  const path = join(dir, FILE)
  let shown: string[] = []
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    if (Array.isArray(parsed)) shown = parsed.filter((item): item is string => typeof item === 'string')
  } catch {
    shown = []
  }
  if (shown.includes(id)) return
  show()
  try {
    writeFileSync(path, JSON.stringify([...shown, id]))
  } catch {
    // Not remembered: shown again next start, which is better than never.
  }
}
