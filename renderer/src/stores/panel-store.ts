/** The renderer's read-only mirror of main's state (docs/architecture.md), kept current by protocol events. */
import { create } from 'zustand'
import type { Alert } from '../../../shared/alert'
import type { Chat } from '../../../shared/chat'
import type { ProtocolEvent, Snapshot, SourceInfo, SourceStatus } from '../../../shared/protocol'
import type { AgentPresence, AwaySummary } from '../../../shared/protocol/team'
import type { Settings } from '../../../shared/settings'

/** Following a team hub: this desktop's agent (the token's name) and the team's presence (docs/team.md). */
export interface TeamState {
  agent: string | null
  presence: AgentPresence[]
}

/** Most alerts kept for the feed. */
export const FEED_LIMIT = 200

/** Panel data. */
export interface PanelState {
  chats: Record<string, Chat>
  sources: Record<string, SourceStatus>
  /**
   * Label and capabilities of every source main has named (each status carries them), in the registry's
   * order. Kept across a runtime swap: a source's name and abilities do not change with the data.
   */
  sourceInfo: Record<string, SourceInfo>
  settings: Settings | null
  alerts: Alert[]
  /** Alert ids not yet seen in the feed. */
  unseen: Record<string, true>
  dndUntil: number | null
  /** The listener's bound address ("http://127.0.0.1:4757"), when main said (port 0 binds any free port). */
  listen: string | null
  loaded: boolean
  loadError: string | null
  /** The team when following a hub (from the snapshot and `team.presence`); null otherwise. */
  team: TeamState | null
  /** "While you were away" (`team.away`), until the agent dismisses it (or the next summary replaces it). */
  away: AwaySummary | null
  dismissAway(): void
  loadSnapshot(snapshot: Snapshot): void
  /** Forgets everything main told us (a new runtime started: demo on or off); a snapshot follows. */
  reset(listen?: string | null): void
  setLoadError(message: string): void
  setAlerts(alerts: Alert[], unseenIds: string[]): void
  markAllSeen(): void
  setSettings(settings: Settings): void
  applyEvent(event: ProtocolEvent): void
}

/** The data half of the store as it is before the first snapshot. */
export const INITIAL_PANEL = {
  chats: {},
  sources: {},
  sourceInfo: {},
  settings: null,
  alerts: [],
  unseen: {},
  dndUntil: null,
  listen: null,
  loaded: false,
  loadError: null,
  team: null,
  away: null,
} satisfies Partial<PanelState>

/** The panel store. */
export const usePanelStore = create<PanelState>((set) => ({
  ...INITIAL_PANEL,
  loadSnapshot: (snapshot) =>
    set((state) => ({
      // The feed may have listed alerts before the snapshot arrived; keep both, oldest first.
      alerts: mergeAlerts(state.alerts, snapshot.alerts),
      chats: Object.fromEntries(snapshot.chats.map((c) => [c.key, c])),
      sources: Object.fromEntries(snapshot.sources.map((s) => [s.source, s])),
      sourceInfo: learnt(state.sourceInfo, snapshot.sources),
      settings: snapshot.settings,
      dndUntil: snapshot.dndUntil,
      listen: snapshot.listen ?? state.listen,
      team: snapshot.team ?? null,
      loaded: true,
      loadError: null,
    })),
  // A new runtime: forget its data but keep the settings and source names already shown until the snapshot.
  reset: (listen) =>
    set((state) => ({
      ...INITIAL_PANEL,
      settings: state.settings,
      sourceInfo: state.sourceInfo,
      listen: listen ?? null,
    })),
  setLoadError: (message) => set({ loadError: message }),
  setAlerts: (alerts, unseenIds) =>
    set((state) => ({
      alerts: mergeAlerts(state.alerts, alerts),
      unseen: Object.fromEntries(unseenIds.map((id) => [id, true])),
    })),
  markAllSeen: () => set({ unseen: {} }),
  dismissAway: () => set({ away: null }),
  setSettings: (settings) => set({ settings }),
  applyEvent: (event) =>
    set((state) => {
      switch (event.type) {
        case 'chat.added':
        case 'chat.changed':
          return { chats: { ...state.chats, [event.chat.key]: event.chat } }
        case 'chat.removed': {
          const { [event.key]: _gone, ...rest } = state.chats
          return { chats: rest }
        }
        case 'source.status':
          return {
            sources: { ...state.sources, [event.status.source]: event.status },
            sourceInfo: learnt(state.sourceInfo, [event.status]),
          }
        case 'settings.changed':
          return { settings: event.settings }
        case 'team.presence':
          return { team: { agent: state.team?.agent ?? null, presence: event.agents } }
        case 'team.away':
          return { away: event.summary }
        case 'alert': {
          const alerts = [...state.alerts.filter((a) => a.id !== event.alert.id), event.alert].slice(-FEED_LIMIT)
          return { alerts, unseen: { ...state.unseen, [event.alert.id]: true } }
        }
        default:
          return state
      }
    }),
}))

/** `known` plus what `statuses` say; the same object when they say nothing new (selectors stay stable). */
function learnt(known: Record<string, SourceInfo>, statuses: readonly SourceStatus[]): Record<string, SourceInfo> {
  let next = known
  for (const status of statuses) {
    if (status.label === undefined || status.capabilities === undefined) continue
    const before = known[status.source]
    const info: SourceInfo = { id: status.source, label: status.label, capabilities: status.capabilities }
    if (before && before.label === info.label && sameCapabilities(before, info)) continue
    next = { ...next, [status.source]: info }
  }
  return next
}

function sameCapabilities(a: SourceInfo, b: SourceInfo): boolean {
  const keys = Object.keys(b.capabilities) as (keyof SourceInfo['capabilities'])[]
  return keys.every((k) => a.capabilities[k] === b.capabilities[k])
}

/** Union of two alert lists by id, ordered by time, capped at `FEED_LIMIT`. */
function mergeAlerts(a: readonly Alert[], b: readonly Alert[]): Alert[] {
  const byId = new Map<string, Alert>()
  for (const alert of [...a, ...b]) byId.set(alert.id, alert)
  return [...byId.values()].sort((x, y) => x.at - y.at).slice(-FEED_LIMIT)
}
