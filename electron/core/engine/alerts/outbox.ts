/**
 * When and how decided alerts go out. Three holds, one rule each:
 * - start-up: everything raised before the sources' first sync settles is gathered into ONE summary;
 * - wake: after sleep, an unlock or a network change, everything raised while the sources catch up is gathered
 *   into ONE summary ("while you were away");
 * - do-not-disturb: everything raised while DND is in force is gathered into ONE summary when it ends;
 * - batching: the first alert of a burst goes out at once; the rest of the window (batchWindowMs) is
 *   gathered and goes out at the window's end — alone if it is one alert, else as one summary — and the
 *   next window starts. So no alert waits longer than the window, and at most one toast leaves per window.
 * Every alert's journal record is written (durably) before it is emitted; held alerts whose chat no longer
 * needs anyone when the hold ends are recorded as absorbed and not shown.
 */
import type { Alert, SummaryReason } from '../../../../shared/alert'
import type { Settings } from '../../../../shared/settings'
import type { Logger } from '../log'
import type { AlertJournal, JournalRecord } from '../persistence/journal'
import type { AlertFacts } from './compose'
import { type DndState, dndEndsAt, isDnd } from './schedule'
import type { TimerQueue } from './timer-queue'

/** A decided, not yet emitted alert. */
export type PendingAlert = AlertFacts

/** The journal record of a decided alert. */
export function recordOf(facts: AlertFacts): Omit<JournalRecord, 'at'> {
  return { id: facts.id, chat: facts.chat.key, kind: facts.kind, ep: facts.episode }
}

/** What the outbox needs. */
export interface OutboxDeps {
  timers: TimerQueue
  journal: AlertJournal
  now: () => number
  log: Logger
  settings: () => Settings['alerts']
  dnd: () => DndState
  /** False once the chat no longer needs this alert (taken, closed, snoozed). */
  relevant: (facts: AlertFacts) => boolean
  compose: (facts: AlertFacts) => Alert
  summarise: (facts: readonly AlertFacts[], reason: SummaryReason) => Alert
  emit: (alert: Alert) => void
}

/** The alert outbox: the gate between the policy's decisions and the hosts (holds, summaries, batching). */
export class AlertOutbox {
  private startup: PendingAlert[] | null = []
  private wake: PendingAlert[] | null = null
  private held: PendingAlert[] = []
  /** Only the latest still-waiting reminder per chat is kept while DND holds (a night is hundreds of them). */
  private heldReminders = new Map<string, PendingAlert>()
  private batch: PendingAlert[] | null = null
  private readonly pendingIds = new Set<string>()
  private startupEnded: () => void = () => {}
  /** Resolves when the start-up window ends (the demo starts its scenario only then). */
  readonly afterStartup = new Promise<void>((resolve) => {
    this.startupEnded = resolve
  })

  constructor(private readonly deps: OutboxDeps) {}

  /** True while the alert with this id is decided but held (so a duplicate is not decided twice). */
  isPending(id: string): boolean {
    return this.pendingIds.has(id)
  }

  /** True until `endStartup()`. */
  get inStartup(): boolean {
    return this.startup !== null
  }

  /** Hands over one decided alert. */
  offer(pending: PendingAlert): void {
    this.pendingIds.add(pending.id)
    if (this.startup) {
      this.startup.push(pending)
      return
    }
    if (this.wake) {
      this.wake.push(pending)
      return
    }
    if (this.holdForDnd([pending])) return
    const window = this.deps.settings().batchWindowMs
    if (window === 0) this.release([pending], 'batch')
    else if (this.batch) this.batch.push(pending)
    else {
      this.release([pending], 'batch')
      this.openWindow(window)
    }
  }

  /** Ends the start-up window: the backlog goes out as one summary (or is held if DND is on). */
  endStartup(): void {
    const backlog = this.startup
    if (!backlog) return
    this.startup = null
    if (!this.holdForDnd(backlog)) this.release(backlog, 'startup')
    this.startupEnded()
  }

  /** The machine woke (or unlocked, or its network changed): gather alerts until `endWake`. */
  beginWake(): void {
    if (!this.startup) this.wake ??= []
  }

  /** The sources caught up: what they found goes out as one summary (alone if one alert; held if DND is on). */
  endWake(): void {
    const gathered = this.wake
    this.wake = null
    if (gathered && !this.holdForDnd(gathered)) this.release(gathered, 'wake')
  }

  /** DND settings or state changed: release what was held if DND is over, else re-arm its end. */
  dndChanged(): void {
    if (this.held.length > 0 || this.heldReminders.size > 0) this.armDndEnd()
  }

  private holdForDnd(items: PendingAlert[]): boolean {
    if (items.length === 0 || !isDnd(this.deps.dnd(), this.deps.now())) return false
    for (const item of items) {
      if (item.kind !== 'still-waiting') {
        this.held.push(item)
        continue
      }
      const older = this.heldReminders.get(item.chat.key)
      if (older) this.unpend(older) // superseded, never shown, so never recorded
      this.heldReminders.set(item.chat.key, item)
    }
    this.armDndEnd()
    return true
  }

  private armDndEnd(): void {
    const end = dndEndsAt(this.deps.dnd(), this.deps.now())
    if (end !== null) {
      this.deps.timers.schedule('dnd-end', end, () => this.armDndEnd())
      return
    }
    this.deps.timers.cancel('dnd-end')
    const held = [...this.held, ...this.heldReminders.values()]
    this.held = []
    this.heldReminders = new Map()
    this.release(held, 'dnd')
  }

  private openWindow(window: number): void {
    this.batch = []
    this.deps.timers.schedule('batch', this.deps.now() + window, () => {
      const gathered = this.batch ?? []
      this.batch = null
      if (gathered.length === 0 || this.holdForDnd(gathered)) return
      this.release(gathered, 'batch')
      this.openWindow(this.deps.settings().batchWindowMs)
    })
  }

  /** Records then emits: one chat's latest alert as itself, several chats as one summary. Irrelevant ones are absorbed. */
  private release(items: readonly PendingAlert[], reason: SummaryReason): void {
    if (items.length === 0) return
    const latestPerChat = new Map<string, PendingAlert>()
    for (const item of items) latestPerChat.set(item.chat.key, item)
    const shown = [...latestPerChat.values()].filter((item) => this.deps.relevant(item))
    try {
      this.deps.journal.record(items.map(recordOf))
    } catch (error) {
      // Losing an alert is worse than risking a repeat after a restart: say so and show it anyway.
      this.deps.log.error('could not record alerts durably; they may repeat after a restart', {
        error: (error as Error).message,
      })
    }
    for (const item of items) this.unpend(item)
    if (shown.length === 0) return
    const only = shown.length === 1 ? shown[0] : undefined
    this.deps.emit(only ? this.deps.compose(only) : this.deps.summarise(shown, reason))
  }

  private unpend(item: PendingAlert): void {
    this.pendingIds.delete(item.id)
  }
}
