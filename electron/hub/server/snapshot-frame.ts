/**
 * The `snapshot` event as bytes. The team's part (every chat and source status) is serialised once per change
 * and shared by every stream that starts at that change; only the agent and the time are written per client.
 * Serialising it per client blocked the event loop for seconds when 300 desktops reconnected at once, and
 * writing one shared Buffer (not a string) keeps the kernel's copy the only one per socket.
 */
import type { Chat } from '../../../shared/chat'
import type { SourceStatus } from '../../../shared/protocol'
import type { HubAgent } from '../../../shared/protocol/hub'

/** The team's state a snapshot carries. */
export interface TeamState {
  chats: Chat[]
  sources: SourceStatus[]
}

/** One client's snapshot: the shared head, then its own tail (write both, in order). */
export interface SnapshotFrame {
  /** The resume point the snapshot stands for (its SSE id). */
  cursor: string
  head: Buffer
  tail: string
}

/** Builds snapshot frames, serialising the team's state once per cursor. */
export interface SnapshotFrames {
  frameFor(agent: HubAgent): SnapshotFrame
  /** How many times the team's state was serialised (for `/health`). */
  serialised(): number
}

/** Creates the cache. `cursor()` must change whenever `state()` does (every change is published to the feed). */
export function createSnapshotFrames(deps: { cursor(): string; state(): TeamState; now(): number }): SnapshotFrames {
  let cached: { cursor: string; head: Buffer } | null = null
  let count = 0
  return {
    frameFor(agent) {
      const cursor = deps.cursor()
      if (cached?.cursor !== cursor) {
        const { chats, sources } = deps.state()
        const team = JSON.stringify({ chats, sources })
        // `{"chats":…,"sources":…}` opened up so the client's fields can follow: `…,"agent":…,"now":…}`.
        cached = { cursor, head: Buffer.from(`id: ${cursor}\nevent: snapshot\ndata: ${team.slice(0, -1)},`) }
        count++
      }
      const tail = `"agent":${JSON.stringify(agent)},"now":${JSON.stringify(deps.now())}}\n\n`
      return { cursor, head: cached.head, tail }
    },
    serialised: () => count,
  }
}
