/** A bounded memory of recently seen delivery ids, for deduplicating webhook retries without growing forever. */

/** Remembers at most `capacity` ids; the oldest are forgotten first. */
export class RecentIds {
  private readonly ids = new Set<string>()

  constructor(private readonly capacity = 10_000) {}

  /** True when `id` was remembered (and still is). */
  has(id: string): boolean {
    return this.ids.has(id)
  }

  /** Remembers `id`, forgetting the oldest one when full. */
  add(id: string): void {
    if (this.ids.has(id)) return
    this.ids.add(id)
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value
      if (oldest !== undefined) this.ids.delete(oldest)
    }
  }

  /** How many ids are remembered. */
  get size(): number {
    return this.ids.size
  }
}
