/**
 * Validates the hub's stream events at the edge (they come over the network) and applies them to the engine
 * through the proxy sources' contexts: the same keys and sources as on the hub, so the local store, journal
 * and alert policy work exactly as if the desktop polled itself.
 */
import type { EventSourceMessage } from 'eventsource-parser'
import { z } from 'zod'
import type { Chat } from '../../../shared/chat'
import { SOURCE_STATES, type SourceStatus } from '../../../shared/protocol'
import { type HubAgent, readAgentMe } from '../../../shared/protocol/hub'
import { type AgentPresence, teamPresenceSchema } from '../../../shared/protocol/team'
import { readChat } from '../../../shared/transforms/chat-check'
import type { AdapterContext } from '../../core/engine/adapters'

// The hub is trusted to speak the protocol; these checks keep a broken or hostile one from corrupting the store.
// Each chat is read on its own (`readChat`): one unreadable chat is skipped and counted, never the whole event.
const chatSchema = z.unknown()
const statusSchema = z.looseObject({
  source: z.string().min(1).max(40),
  state: z.enum(SOURCE_STATES),
  message: z.string().nullable(),
  warnings: z.array(z.string()),
  // A newer hub's codes pass: a program acts only on the codes it knows.
  notices: z
    .array(z.object({ code: z.string().max(60), message: z.string().max(2000) }))
    .max(100)
    .optional(),
})
const schemas = {
  snapshot: z.object({
    chats: z.array(chatSchema).max(200_000),
    sources: z.array(statusSchema).max(100),
    // Loose: "me" may come as `me` or, from a hub older than `me`, as `<source>AgentId` fields (readAgentMe).
    agent: z.looseObject({ name: z.string().max(200) }),
    now: z.number(),
  }),
  'chat.added': z.object({ chat: chatSchema }),
  'chat.changed': z.object({ chat: chatSchema }),
  'chat.removed': z.object({
    key: z.string().min(3).max(300),
    reason: z.enum(['deleted', 'pruned', 'source-removed']),
  }),
  'source.status': z.object({ status: statusSchema }),
  'team.presence': teamPresenceSchema,
}

/** Where applied events go. */
export interface HubEventSink {
  /** Context of a proxied source (made on first sight), or undefined for one this desktop does not take. */
  context(source: string): AdapterContext | undefined
  /** The proxied sources so far. */
  sources(): string[]
  /** The hub's status of one of its sources. */
  onSourceStatus(status: SourceStatus): void
  /** The agent the token names (from each snapshot). */
  onAgent(agent: HubAgent): void
  /** A chat that could not be read and names no known source (counted on the hub connection's status). */
  onUnreadable(reason: string): void
  /** The hub's clock read `now` (epoch ms) when it sent a snapshot. */
  onHubClock?(now: number): void
  /** The team's presence: whole (`full`), or the agents that changed. */
  onPresence?(agents: AgentPresence[], full: boolean): void
}

/** Applies one stream message; throws on an invalid one (the stream then reconnects and resumes). */
export function applyHubEvent(message: EventSourceMessage, sink: HubEventSink): void {
  const name = message.event ?? 'message'
  if (!Object.hasOwn(schemas, name)) return // a newer hub's event: ignore
  const schema = schemas[name as keyof typeof schemas]
  const parsed = schema.safeParse(JSON.parse(message.data))
  if (!parsed.success) throw new Error(`invalid ${name} event from the hub: ${parsed.error.issues[0]?.message}`)
  const data = parsed.data as Record<string, unknown>
  if (name === 'snapshot') {
    applySnapshot(data as z.output<(typeof schemas)['snapshot']>, sink)
    return
  }
  if (name === 'team.presence') {
    const presence = data as z.output<typeof teamPresenceSchema>
    sink.onPresence?.(presence.agents, presence.full)
    return
  }
  if (name === 'source.status') {
    sink.onSourceStatus(data.status as SourceStatus)
    return
  }
  if (name === 'chat.removed') {
    const key = data.key as string
    const source = key.slice(0, key.indexOf(':'))
    // A source never seen has nothing to remove: no proxy is made for it.
    if (sink.sources().includes(source)) sink.context(source)?.remove(key, data.reason as 'deleted')
    return
  }
  const chat = readHubChat(data.chat, sink)
  // The hub's version is authoritative (it carries its snoozes and read marks): apply even if not newer.
  if (chat) sink.context(chat.source)?.ingest([chat], { force: true })
}

/** One chat of the stream, fully checked: repaired where it can be, else skipped; either way counted. */
function readHubChat(raw: unknown, sink: HubEventSink): Chat | null {
  const checked = readChat(raw)
  if (!checked.ok) {
    const source = (raw as { source?: unknown } | null)?.source
    // Counted on its source when that is one this desktop already follows (no proxy is made for a broken chat).
    const known = typeof source === 'string' && sink.sources().includes(source) ? sink.context(source) : undefined
    const reason = `from the team hub: ${checked.error}`
    if (known) known.noteUnreadable('refused', reason)
    else sink.onUnreadable(reason)
    return null
  }
  if (checked.repaired.length > 0)
    sink.context(checked.chat.source)?.noteUnreadable('repaired', `from the team hub: ${checked.repaired.join('; ')}`)
  return checked.chat
}

function applySnapshot(snapshot: z.output<(typeof schemas)['snapshot']>, sink: HubEventSink): void {
  // Identity first: "assigned to me" and scope "mine" must know who "me" is before chats arrive.
  const me = readAgentMe(snapshot.agent)
  if (!me.ok) throw new Error(`invalid snapshot event from the hub: agent ${me.error}`)
  sink.onAgent({ name: snapshot.agent.name, me: me.me })
  sink.onHubClock?.(snapshot.now)
  for (const status of snapshot.sources) sink.onSourceStatus(status as unknown as SourceStatus)
  const bySource = new Map<string, Chat[]>()
  /** Keys of unreadable chats: a local copy of one is kept, not removed as if the hub no longer had it. */
  const unreadable = new Set<string>()
  for (const raw of snapshot.chats) {
    const chat = readHubChat(raw, sink)
    const key = (raw as { key?: unknown } | null)?.key
    if (!chat && typeof key === 'string') unreadable.add(key)
    if (!chat) continue
    const list = bySource.get(chat.source) ?? []
    list.push(chat)
    bySource.set(chat.source, list)
  }
  // Every proxied source, and any source with chats but no status yet (its proxy is made now).
  for (const source of new Set([...sink.sources(), ...bySource.keys()])) {
    const context = sink.context(source)
    if (!context) continue
    const chats = bySource.get(source) ?? []
    const present = new Set(chats.map((c) => c.key))
    // Chats the hub no longer has left while this desktop was away.
    for (const local of context.chats())
      if (!present.has(local.key) && !unreadable.has(local.key)) context.remove(local.key, 'deleted')
    context.ingest(chats, { force: true })
  }
}
