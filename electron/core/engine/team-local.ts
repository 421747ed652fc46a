/**
 * What this desktop knows of itself and its team for the team layer (docs/team.md): the agent its hub token names
 * (null while it follows no hub), what the machine is doing (`activity.set`), the chat last opened at the help
 * desk (`chat.open`), its do-not-disturb and shifts (given by the runtime), and the team's presence as the hub
 * last sent it. The hub client reports from here; the alert policy reads the agent's name here.
 */
import type { Activity, AgentPresence, OpenChat } from '../../../shared/protocol/team'
import type { EventBus } from './event-bus'

/** This desktop's side of the team layer. */
export class LocalTeam {
  private agentName: string | null = null
  private activityNow: Activity = 'active'
  private opened: OpenChat | null = null
  private team: AgentPresence[] = []
  private readonly listeners = new Set<() => void>()
  /** Do-not-disturb in force now, and until when (the runtime sets it from the alert policy). */
  dndUntil: () => number | null = () => null
  /** On shift by this desktop's own schedule, or null when it has none (the runtime sets it from the settings). */
  onShift: () => boolean | null = () => null

  constructor(private readonly bus: EventBus) {}

  /** The agent the hub's token names; null when not following a hub. */
  get agent(): string | null {
    return this.agentName
  }

  /** What the machine is doing. */
  get activity(): Activity {
    return this.activityNow
  }

  /** The chat last opened here, whenever it was (a reporter drops it once older than `OPEN_CHAT_MS`). */
  get openChat(): OpenChat | null {
    return this.opened
  }

  /** The team's presence as the hub last sent it (whole team). */
  get presence(): AgentPresence[] {
    return this.team
  }

  /** The hub named this desktop's agent (its snapshot). */
  setAgent(name: string | null): void {
    if (name === this.agentName) return
    this.agentName = name
    this.changed()
  }

  /** The host says what the machine does (screen lock, suspend, idle). */
  setActivity(activity: Activity): void {
    if (activity === this.activityNow) return
    this.activityNow = activity
    this.changed()
  }

  /** The agent opened a chat at the help desk at `at`. */
  noteOpened(key: string, at: number): void {
    this.opened = { key, at }
    this.changed()
  }

  /** Do-not-disturb or shifts changed: reporters report again. */
  noteDndChanged(): void {
    this.changed()
  }

  /** The hub sent the team's presence: kept and told on the bus (`team.presence`). */
  setPresence(agents: AgentPresence[]): void {
    this.team = agents
    this.bus.emit({ type: 'team.presence', agents })
  }

  /** Hears every change of this desktop's own side; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private changed(): void {
    for (const listener of this.listeners) listener()
  }
}
