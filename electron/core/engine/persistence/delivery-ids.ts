/**
 * Delivery ids already answered, kept across restarts so a retry that arrives after a restart is still
 * recognised (HelpCrunch retries a delivery under the same id). Bounded: the last `capacity` ids; each new id is
 * appended before its delivery is answered, and the file is rewritten compactly once it holds twice that.
 */
import { type Logger, silentLogger } from '../log'
import { type AppendLog, appendLogAt, linesOf } from './append-log'
import type { StateHealth } from './state-health'

/** What a webhook route dedupes with. */
export interface SeenIds {
  has(id: string): boolean
  add(id: string): void
  /**
   * Shared ids (several hubs): remembers `id` where every hub sees it and resolves true when it was new there
   * (`SET NX EX`); a route that finds it uses it instead of `has`/`add`.
   */
  claim?(id: string): Promise<boolean>
  /** Final: writes what waits (a file-backed store). */
  close?(): void
}

/** How many ids are remembered unless told otherwise. */
const DEFAULT_CAPACITY = 10_000

/** Longest id kept (longer ones are remembered in memory only). */
const MAX_ID_CHARS = 200

/** Remembered delivery ids in a file (`path` null = memory only: `DeliveryIds.inMemory()`). */
export class DeliveryIds implements SeenIds {
  /** Delivery ids remembered in memory only (the last `capacity`); nothing survives a restart. */
  static inMemory(capacity = DEFAULT_CAPACITY): DeliveryIds {
    return new DeliveryIds(null, silentLogger, Date.now, capacity)
  }

  private ids = new Set<string>()
  private readonly file: AppendLog | null

  constructor(
    path: string | null,
    log: Logger,
    now: () => number,
    private readonly capacity = DEFAULT_CAPACITY,
    health?: StateHealth,
  ) {
    this.file = appendLogAt(path, log, now, {
      appendFailed: 'could not remember a delivery id',
      compactFailed: 'could not compact the delivery ids',
      snapshot: () => linesOf(this.savable()),
      health,
    })
    if (this.file !== null) this.load(this.file, health)
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
    if (this.file === null || id.length > MAX_ID_CHARS || /[\r\n]/.test(id)) return
    this.file.append(id)
    if (this.file.appended > this.capacity) this.file.rewrite(this.savable())
  }

  /** How many ids are remembered. */
  get size(): number {
    return this.ids.size
  }

  /** Rewrites the file compactly and closes it. */
  close(): void {
    this.file?.closeWith(this.savable())
  }

  /** The ids the file keeps (an id too long or with a line break is remembered in memory only). */
  private *savable(): Generator<string> {
    for (const id of this.ids) if (id.length <= MAX_ID_CHARS && !/[\r\n]/.test(id)) yield id
  }

  private load(file: AppendLog, health: StateHealth | undefined): void {
    const text = file.readPrevious()
    let invalid = 0
    for (const line of (text ?? '').split('\n')) {
      if (line === '') continue
      let id: unknown
      try {
        id = JSON.parse(line)
      } catch {
        id = null // a line cut short by a crash mid-append: that id is forgotten, nothing else
      }
      if (typeof id === 'string' && id.length <= MAX_ID_CHARS) {
        this.ids.delete(id)
        this.ids.add(id)
      } else invalid++
    }
    health?.badLines(file.name, invalid)
    while (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string)
    if (text !== null) file.rewrite(this.savable())
  }
}
