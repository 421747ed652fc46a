/**
 * The feed as the hub's streams see it, with each change's fan-out timed: the streams subscribe here, this
 * subscribes once to the feed, and the time to hand one change to every stream (each writes it to its socket, or
 * drops a slow one) is what `chat_tray_hub_fanout_seconds` observes. Whatever the feed (in process or shared),
 * that is the part of a change's delay this hub adds.
 */
import type { ChangeFeed, FeedEntry } from './change-feed'

/** Seconds on a monotonic clock (`performance.now() / 1000` unless a test passes its own). */
export type SecondsClock = () => number

/** Wraps `feed`: the same log and ids, one subscription, each fan-out reported to `observe` in seconds. */
export function timedFeed(
  feed: ChangeFeed,
  observe: (seconds: number) => void,
  clock: SecondsClock = () => performance.now() / 1000,
): ChangeFeed & { close(): void } {
  const listeners = new Set<(entry: FeedEntry) => void>()
  const unsubscribe = feed.subscribe((entry) => {
    // No stream, no fan-out: timing nothing would only pull the figures down.
    if (listeners.size === 0) return
    const start = clock()
    // A Set's iteration skips listeners removed on the way (a stream dropped while sending) and is safe.
    for (const listener of listeners) listener(entry)
    observe(Math.max(0, clock() - start))
  })
  return {
    // Every argument passes through: a shared feed takes more than the name and the data.
    publish: (...args: Parameters<ChangeFeed['publish']>) => feed.publish(...args),
    lastId: () => feed.lastId(),
    since: (id) => feed.since(id),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    health: feed.health ? () => feed.health?.() ?? {} : undefined,
    close() {
      unsubscribe()
      listeners.clear()
    },
  }
}
