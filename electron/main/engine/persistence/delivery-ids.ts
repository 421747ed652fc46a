/**
 * Delivery ids already answered, kept across restarts so a retry that arrives after a restart is still
 * recognised (HelpCrunch retries a delivery under the same id). Bounded: the last `capacity` ids; each new id is
 * appended before its delivery is answered, and the file is rewritten compactly once it holds twice that.
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import type { Logger } from '../log'
import { readTextIfExists, setAside, writeFileAtomic } from './atomic-file'
import { PRIVATE_FILE_MODE } from './private-files'

/** What a webhook route dedupes with. */
export interface SeenIds {
  has(id: string): boolean
  add(id: string): void
}

/** Longest id kept (longer ones are remembered in memory only). */
const MAX_ID_CHARS = 200

/** Remembered delivery ids in a file (`path` null = memory only). */
export class DeliveryIds implements SeenIds {
  private ids = new Set<string>()
  private fd: number | null = null
  private appended = 0

  constructor(
    private readonly path: string | null,
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly capacity = 10_000,
  ) {
    if (path !== null) this.load(path)
  }

  /** True when `id` was answered before (in this run or an earlier one). */
  has(id: string): boolean {
    return this.ids.has(id)
  }

  /** Remembers `id` (forgetting the oldest beyond capacity) and appends it to the file. Never throws. */
  add(id: string): void {
    if (this.ids.has(id)) return
    this.ids.add(id)
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string)
    if (this.path === null || id.length > MAX_ID_CHARS || /[\r\n]/.test(id)) return
    try {
      this.fd ??= openSync(this.path, 'a', PRIVATE_FILE_MODE)
      writeSync(this.fd, `${JSON.stringify(id)}\n`)
      this.appended++
    } catch (error) {
      this.log.error('could not remember a delivery id', { error: (error as Error).message })
    }
    if (this.appended > this.capacity) this.compact()
  }

  /** How many ids are remembered. */
  get size(): number {
    return this.ids.size
  }

  /** Rewrites the file compactly and closes it. */
  close(): void {
    this.compact()
  }

  private load(path: string): void {
    let text: string | null = null
    try {
      text = readTextIfExists(path)
    } catch (error) {
      setAside(path, (error as Error).message, this.log, this.now())
    }
    for (const line of (text ?? '').split('\n')) {
      if (line === '') continue
      try {
        const id: unknown = JSON.parse(line)
        if (typeof id === 'string' && id.length <= MAX_ID_CHARS) {
          this.ids.delete(id)
          this.ids.add(id)
        }
      } catch {
        // A line cut short by a crash mid-append: that id is forgotten, nothing else.
      }
    }
    while (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string)
    if (text !== null) this.compact()
  }

  private compact(): void {
    if (this.path === null) return
    if (this.fd !== null) {
      try {
        closeSync(this.fd)
      } catch {}
      this.fd = null
    }
    try {
      let out = ''
      for (const id of this.ids) out += `${JSON.stringify(id)}\n`
      writeFileAtomic(this.path, out)
      this.appended = 0
    } catch (error) {
      this.log.error('could not compact the delivery ids', { error: (error as Error).message })
    }
  }
}
