/**
 * The adapters of a desktop that follows a team hub. The hub names the sources it serves in its statuses (each
 * carries its id, label and capabilities), and the desktop makes one proxy per source from them, keeping its id
 * (`helpcrunch`, `deskdirector`, any other desk), so chat keys, labels, commands and alerts are the same as on a
 * polling desktop and a desk this desktop has no code for still appears; quick actions go to the hub. A `hub`
 * adapter owns the one stream and reports the connection.
 */
import type { AgentRef, Chat } from '../../../shared/chat'
import type { SourceCapabilities, SourceSetup, SourceStatus } from '../../../shared/protocol'
import type { AdapterContext, SourceAdapter, SourceIdentity } from '../../core/engine/adapters'
import type { HubConnectionState } from './stream-client'

/** The id of the adapter that owns the hub connection; no proxied source may take it. */
export const HUB_SOURCE_ID = 'hub'

/** A hub desktop gets everything over the hub's stream: what Settings can fix is its token (Settings → Team hub). */
const HUB_SETUP: SourceSetup = { receives: 'connection', credential: { path: 'hub.token' } }

/** What a proxy needs from the hub connection. */
export interface HubLink {
  command(command: string, params: Record<string, unknown>): Promise<unknown>
  connection(): HubConnectionState
  reconnectNow(why: string): void
}

/** A proxy adapter plus the hook the stream reports the hub's status of this source to. */
export interface ProxyAdapter extends SourceAdapter {
  noteHubStatus(status: SourceStatus | null): void
  /** Republishes after the connection state or "me" changed. */
  publish(): void
}

/**
 * A proxied source's identity, from the hub's status of it (its id alone until one arrives). The hub keeps
 * snoozes and read marks for the whole team, so seen from a desktop these are "server" actions for every source.
 */
function identityOf(source: string, status: SourceStatus | null): SourceIdentity {
  const hub: Partial<SourceCapabilities> = status?.capabilities ?? {}
  return {
    id: source,
    label: status?.label ?? source,
    capabilities: {
      serverSnooze: true,
      markRead: true,
      assign: hub.assign === true,
      setStatus: hub.setStatus === true,
    },
    setup: HUB_SETUP,
  }
}

/** Creates the proxy of one source the hub serves; "me" there is the one the hub names for this token. */
export function createProxyAdapter(
  source: string,
  deps: { context: AdapterContext; link: HubLink; now: () => number; me: () => string | null },
): ProxyAdapter {
  const { context, link } = deps
  let hubStatus: SourceStatus | null = null
  let identity = identityOf(source, null)
  const chatOf = async (command: string, params: Record<string, unknown>): Promise<Chat> => {
    const result = (await link.command(command, params)) as { chat: Chat }
    return result.chat
  }
  const status = (): SourceStatus => {
    const connection = link.connection()
    const base = { source, warnings: hubStatus?.warnings ?? [], lastOkAt: hubStatus?.lastOkAt ?? null }
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
    get identity() {
      return identity
    },
    async start() {
      publish()
    },
    async stop() {},
    async refresh() {
      if (link.connection() !== 'ok') link.reconnectNow('refresh')
      // A hub from before `capabilities.refresh` is asked anyway; it says not_found for a source it cannot fetch.
      if (hubStatus?.capabilities?.refresh === false) return
      await link.command('sources.refresh', { source }).catch((error: { code?: string }) => {
        if (error.code !== 'not_found') throw error
      })
    },
    snooze: (chat, until) =>
      until === null ? chatOf('chat.unsnooze', { key: chat.key }) : chatOf('chat.snooze', { key: chat.key, until }),
    // "Take" claims through the hub (compare-and-set across the team, docs/team.md): the hub assigns to the agent
    // its token names where the desk can. A hub from before claims answers bad_command: then a plain assign.
    assign: (chat) =>
      chatOf('chat.claim', { key: chat.key, version: chat.updatedAt }).catch((error: { code?: string }) => {
        if (error.code !== 'bad_command') throw error
        return chatOf('chat.assign', { key: chat.key })
      }),
    claim: (chat, version) => chatOf('chat.claim', { key: chat.key, version }),
    setStatus: (chat, value) => chatOf('chat.status', { key: chat.key, status: value }),
    markRead: (chat) => chatOf('chat.read', { key: chat.key }),
    async listAgents() {
      const result = (await link.command('agents.list', { source })) as { agents: AgentRef[] }
      return result.agents
    },
    async testConnection() {
      const s = status()
      return { ok: s.state === 'ok', message: s.message ?? s.state }
    },
    status,
    me: deps.me,
    noteHubStatus(next) {
      hubStatus = next
      identity = identityOf(source, next)
      publish()
    },
    publish,
  }
}

/** The adapter that owns the hub connection; its status is the connection's. */
export function createHubConnectionAdapter(deps: {
  context: AdapterContext
  start(): void
  stop(): void | Promise<void>
  link: HubLink
  detail: () => string
  /** Problems to show beside the connection state (what the hub sent that could not be shown, or its throttling). */
  warnings: () => string[]
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
      source: HUB_SOURCE_ID,
      state: stateOf[connection],
      message: deps.detail(),
      warnings: deps.warnings(),
      lastOkAt,
      at: deps.now(),
      hub: { connection },
    }
  }
  return {
    identity: {
      id: HUB_SOURCE_ID,
      label: 'Team hub',
      capabilities: { serverSnooze: false, assign: false, setStatus: false, markRead: false },
      setup: HUB_SETUP,
    },
    async start() {
      deps.start()
    },
    async stop() {
      await deps.stop()
    },
    async refresh() {
      if (deps.link.connection() !== 'ok') deps.link.reconnectNow('refresh')
    },
    // After sleep a stream can look open and be dead (a "zombie" socket): reconnect whatever it says.
    async wake() {
      deps.link.reconnectNow('the machine woke')
    },
    async testConnection() {
      const s = status()
      return { ok: s.state === 'ok', message: s.message ?? s.state }
    },
    status,
    publish: () => deps.context.reportStatus(status()),
  }
}
