/**
 * The adapters of a desktop that follows a team hub. One proxy per help desk keeps the hub's source id
 * (`helpcrunch`, `deskdirector`), so chat keys, labels, commands and alerts are the same as on a polling
 * desktop; its quick actions go to the hub. A `hub` adapter owns the one stream and reports the connection.
 */
import type { AgentRef, Chat } from '../../../shared/chat'
import type { SourceSetup, SourceStatus } from '../../../shared/protocol'
import type { AdapterContext, SourceAdapter, SourceCapabilities } from '../../core/engine/adapters'
import type { HubConnectionState } from './stream-client'

/** A hub desktop gets everything over the hub's stream: what Settings can fix is its token (Settings → Team hub). */
const HUB_SETUP: SourceSetup = { receives: 'connection', credential: { path: 'hub.token' } }

/** What a proxy needs from the hub connection. */
export interface HubLink {
  command(command: string, params: Record<string, unknown>): Promise<unknown>
  connection(): HubConnectionState
  reconnectNow(why: string): void
}

/** A help desk as the hub serves it. */
export interface ProxySource {
  id: string
  label: string
  capabilities: SourceCapabilities
  /** The hub can fetch this source now (`sources.refresh`); webhook-only sources cannot. */
  refreshable: boolean
}

/** The help desks a hub serves, with what the hub can do for each. */
export const PROXIED_SOURCES: readonly ProxySource[] = [
  {
    id: 'helpcrunch',
    label: 'HelpCrunch',
    capabilities: { serverSnooze: true, assign: true, setStatus: true, markRead: true },
    refreshable: true,
  },
  // The hub snoozes and marks read for the whole team, so these are "server" actions seen from a desktop.
  {
    id: 'deskdirector',
    label: 'DeskDirector',
    capabilities: { serverSnooze: true, assign: false, setStatus: false, markRead: true },
    refreshable: false,
  },
]

/** A proxy adapter plus the hook the stream reports the hub's status of this source to. */
export interface ProxyAdapter extends SourceAdapter {
  noteHubStatus(status: SourceStatus | null): void
  /** Republishes after the connection state changed. */
  publish(): void
}

/** Creates the proxy of one help desk. */
export function createProxyAdapter(
  source: ProxySource,
  deps: { context: AdapterContext; link: HubLink; now: () => number; me?: () => string | null },
): ProxyAdapter {
  const { context, link } = deps
  let hubStatus: SourceStatus | null = null
  const chatOf = async (command: string, params: Record<string, unknown>): Promise<Chat> => {
    const result = (await link.command(command, params)) as { chat: Chat }
    return result.chat
  }
  const status = (): SourceStatus => {
    const connection = link.connection()
    const base = { source: source.id, warnings: hubStatus?.warnings ?? [], lastOkAt: hubStatus?.lastOkAt ?? null }
    if (connection === 'ok' && hubStatus) return { ...hubStatus, at: deps.now() }
    if (connection === 'auth-failed')
      return { ...base, state: 'auth-failed', message: 'the team hub refused this token', at: deps.now() }
    if (connection === 'offline')
      return {
        ...base,
        state: 'offline',
        message: 'team hub unreachable: showing the last known chats',
        at: deps.now(),
      }
    return { ...base, state: 'polling', message: 'connecting to the team hub', at: deps.now() }
  }
  const publish = () => context.reportStatus(status())
  return {
    id: source.id,
    label: source.label,
    capabilities: source.capabilities,
    setup: HUB_SETUP,
    async start() {
      publish()
    },
    async stop() {},
    async refresh() {
      if (link.connection() !== 'ok') link.reconnectNow('refresh')
      if (source.refreshable) await link.command('sources.refresh', { source: source.id })
    },
    snooze: (chat, until) =>
      until === null ? chatOf('chat.unsnooze', { key: chat.key }) : chatOf('chat.snooze', { key: chat.key, until }),
    assign: (chat) => chatOf('chat.assign', { key: chat.key }),
    setStatus: (chat, value) => chatOf('chat.status', { key: chat.key, status: value }),
    markRead: (chat) => chatOf('chat.read', { key: chat.key }),
    async listAgents() {
      const result = (await link.command('agents.list', { source: source.id })) as { agents: AgentRef[] }
      return result.agents
    },
    async testConnection() {
      const s = status()
      return { ok: s.state === 'ok', message: s.message ?? s.state }
    },
    status,
    // "Me" on a desktop following a hub: the agent the hub names for this desktop's token.
    me: () => deps.me?.() ?? null,
    isMine(chat) {
      const me = deps.me?.() ?? null
      return me !== null && chat.assignee?.id === me
    },
    noteHubStatus(next) {
      hubStatus = next
      publish()
    },
    publish,
  }
}

/** The adapter that owns the hub connection; its status is the connection's. */
export function createHubConnectionAdapter(deps: {
  context: AdapterContext
  start(): void
  stop(): void
  link: HubLink
  detail: () => string
  now: () => number
}): SourceAdapter & { publish(): void } {
  const stateOf: Record<HubConnectionState, SourceStatus['state']> = {
    connecting: 'polling',
    ok: 'ok',
    offline: 'offline',
    'auth-failed': 'auth-failed',
  }
  let lastOkAt: number | null = null
  const status = (): SourceStatus => {
    const connection = deps.link.connection()
    if (connection === 'ok') lastOkAt = deps.now()
    return {
      source: 'hub',
      state: stateOf[connection],
      message: deps.detail(),
      warnings: [],
      lastOkAt,
      at: deps.now(),
      hub: { connection },
    }
  }
  return {
    id: 'hub',
    label: 'Team hub',
    capabilities: { serverSnooze: false, assign: false, setStatus: false, markRead: false },
    setup: HUB_SETUP,
    async start() {
      deps.start()
    },
    async stop() {
      deps.stop()
    },
    async refresh() {
      if (deps.link.connection() !== 'ok') deps.link.reconnectNow('refresh')
    },
    async testConnection() {
      const s = status()
      return { ok: s.state === 'ok', message: s.message ?? s.state }
    },
    status,
    publish: () => deps.context.reportStatus(status()),
  }
}
