/**
 * A desktop's presence on its hub (docs/team.md, "Presence"): `presence.report` on every change of this desktop's
 * side (activity, DND, an opened chat, the connection coming back) and then every `heartbeatMs` the hub answers,
 * so a desktop that stops (frozen, asleep, gone) goes stale on the hub. Changes within a short moment go as one.
 */
import { OPEN_CHAT_MS, PRESENCE_TIMING, type PresenceReport } from '../../../shared/protocol/team'
import type { LocalTeam } from '../../core/engine/team-local'

/** Changes within this long are sent as one report (ms). */
const GATHER_MS = 100

/** What the reporter needs. */
export interface ReporterDeps {
  team: LocalTeam
  now(): number
  /** Sends one report; resolves with the hub's heartbeat, rejects when the hub cannot take it now. */
  send(report: PresenceReport): Promise<{ heartbeatMs: number }>
  /** True while the stream to the hub is up (reports wait for it). */
  connected(): boolean
  /** Hears each report's outcome: null when the hub took it, else the error. */
  onResult?(error: unknown | null): void
}

/** The running reporter. */
export interface PresenceReporter {
  /** Something changed: report soon. */
  poke(): void
  /** Stops reporting; `goodbye` sends a last `online: false` first. */
  stop(goodbye: boolean): Promise<void>
}

/** The report of this desktop now. */
export function reportOf(team: LocalTeam, now: number, online = true): PresenceReport {
  const opened = team.openChat
  return {
    online,
    dndUntil: team.dndUntil(),
    onShift: team.onShift(),
    activity: team.activity,
    openChat: opened && now - opened.at < OPEN_CHAT_MS ? opened : null,
  }
}

/** Starts reporting. */
export function startPresenceReporter(deps: ReporterDeps): PresenceReporter {
  let heartbeatMs: number = PRESENCE_TIMING.heartbeatMs
  let timer: NodeJS.Timeout | null = null
  let stopped = false
  let sending = false
  let again = false
  const arm = (ms: number) => {
    if (timer) clearTimeout(timer)
    if (stopped) return
    timer = setTimeout(send, ms)
    timer.unref()
  }
  const send = async () => {
    if (stopped) return
    if (!deps.connected()) return arm(heartbeatMs)
    if (sending) {
      again = true
      return
    }
    sending = true
    try {
      const answer = await deps.send(reportOf(deps.team, deps.now()))
      heartbeatMs = Math.max(1000, Math.min(answer.heartbeatMs, 300_000))
      deps.onResult?.(null)
    } catch (error) {
      deps.onResult?.(error)
    } finally {
      sending = false
    }
    if (again) {
      again = false
      arm(0)
    } else arm(heartbeatMs)
  }
  const unsubscribe = deps.team.onChange(() => arm(GATHER_MS))
  arm(0)
  return {
    poke: () => arm(GATHER_MS),
    async stop(goodbye) {
      stopped = true
      unsubscribe()
      if (timer) clearTimeout(timer)
      if (goodbye && deps.connected())
        await deps.send(reportOf(deps.team, deps.now(), false)).catch((error) => deps.onResult?.(error))
    },
  }
}
