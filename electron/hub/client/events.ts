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
import type { AdapterContext } from '../../core/engine/adapters'

// The hub is trusted to speak the protocol; these checks keep a broken or hostile one from corrupting the store.
const chatSchema = z
  .looseObject({
    key: z.string().min(3).max(300),
    source: z.string().min(1).max(40),
    sourceId: z.string().min(1).max(260),
    updatedAt: z.number(),
    state: z.string(),
    title: z.string(),
  })
  .refine((chat) => chat.key === `${chat.source}:${chat.sourceId}`, 'key does not match source and sourceId')
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
  const chat = data.chat as unknown as Chat
  // The hub's version is authoritative (it carries its snoozes and read marks): apply even if not newer.
  sink.context(chat.source)?.ingest([chat], { force: true })
}

function applySnapshot(snapshot: z.output<(typeof schemas)['snapshot']>, sink: HubEventSink): void {
  // Identity first: "assigned to me" and scope "mine" must know who "me" is before chats arrive.
  const me = readAgentMe(snapshot.agent)
  if (!me.ok) throw new Error(`invalid snapshot event from the hub: agent ${me.error}`)
  sink.onAgent({ name: snapshot.agent.name, me: me.me })
  for (const status of snapshot.sources) sink.onSourceStatus(status as unknown as SourceStatus)
  const bySource = new Map<string, Chat[]>()
  for (const chat of snapshot.chats as unknown as Chat[]) {
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
    for (const local of context.chats()) if (!present.has(local.key)) context.remove(local.key, 'deleted')
    context.ingest(chats, { force: true })
  }
}
