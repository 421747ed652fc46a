/**
 * The alert policy: listens to store changes on the engine bus and decides which alerts to raise —
 * `new`, `missed`, `callback`, `assigned-to-me` on transitions; `still-waiting` reminders and `snooze-ended`
 * from one timer queue — filtered by the settings (kinds, scope, snoozes), deduplicated by the journal,
 * and handed to the `AlertOutbox` (start-up summary, DND hold, batching). Emits `{type:'alert'}` on the bus.
 * Over 200 lines on purpose: what remains is the state machine itself (waiting chats, timers, the start-up
 * window), which shares one state; transitions, texts, the outbox and schedules are in their own files.
 */
import type { Alert } from '../../../../shared/alert'
import { type Chat, isMineAt, isOpen, isSnoozed } from '../../../../shared/chat'
import type { ProtocolEvent, SourceState, SourceStatus } from '../../../../shared/protocol'
import type { Settings } from '../../../../shared/settings'
import type { AdapterRegistry } from '../adapters'
import type { EventBus } from '../event-bus'
import type { Logger } from '../log'
import type { Cell } from '../persistence/cell'
import type { AlertJournal } from '../persistence/journal'
import type { ChatStore } from '../store'
import type { LocalTeam } from '../team-local'
import { afterAnswer } from './after-answer'
import { type AlertFacts, composeAlert, composeSummary, summaryEntry } from './compose'
import { AlertFeed } from './feed'
import { AlertOutbox, recordOf } from './outbox'
import { type DndState, dndEndsAt } from './schedule'
import { TimerQueue } from './timer-queue'
import {
  currentReminder,
  detectTransitions,
  reminderDue,
  type TransitionContext,
  transitionId,
  waitingSince,
} from './transitions'

/** What the policy is built from (all engine parts; no Electron). */
export interface AlertPolicyDeps {
  bus: EventBus
  store: ChatStore
  adapters: AdapterRegistry
  statuses: () => SourceStatus[]
  journal: AlertJournal
  dnd: Cell<{ until: number | null }>
  settings: Settings
  now: () => number
  log: Logger
  /** Handle store events after the current turn (the runtime: alerts are decided after a delivery is answered). */
  afterAnswer?: boolean
  /** The monotonic clock timers wait on (default `performance.now`); see `TimerQueue`. */
  monotonic?: () => number
  /** Following a team hub: this desktop's agent, whose name the hub's ladder lists (docs/team.md). */
  team?: Pick<LocalTeam, 'agent'>
}

/** Kinds that ring for a customer waiting on the team: a claim quiets them, the ladder decides who hears them. */
const TEAM_KINDS: ReadonlySet<string> = new Set(['new', 'missed', 'callback', 'still-waiting'])

/** Source states after which a source's first sync counts as settled (data arrived, or none is coming). */
const SETTLED: ReadonlySet<SourceState> = new Set(['ok', 'disabled', 'auth-failed', 'offline', 'error'])

/** The running policy. */
export class AlertPolicy {
  private settings: Settings
  /** Job ids: a chat key = its still-waiting reminder; `sz:<key>` = its snooze end; plain words = holds. */
  private readonly timers: TimerQueue
  private readonly outbox: AlertOutbox
  private readonly feed = new AlertFeed()
  /** Waiting chats → when they started waiting (their `new` episode). */
  private readonly waiting = new Map<string, number>()
  /** Entry alerts the team ladder held back from this agent: raised if the ladder adds them later. */
  private readonly heldForLadder = new Map<string, AlertFacts>()
  private readonly createdAt: number
  private started = false
  private readonly unsubscribe: () => void

  constructor(private readonly deps: AlertPolicyDeps) {
    this.settings = deps.settings
    this.createdAt = deps.now()
    this.timers = new TimerQueue(
      deps.now,
      (error, id) => deps.log.error('alert timer failed', { id, error }),
      deps.monotonic,
    )
    this.outbox = new AlertOutbox({
      timers: this.timers,
      journal: deps.journal,
      now: deps.now,
      log: deps.log,
      settings: () => this.settings.alerts,
      dnd: () => this.dndState(),
      relevant: (facts) => this.relevant(facts),
      compose: (facts) => this.compose(facts),
      summarise: (facts, reason) => {
        const { alerts, sound } = this.settings
        const now = deps.now()
        const entries = facts.map((f) =>
          summaryEntry(f, { settings: alerts, sound, now, sourceLabel: this.sourceLabel(f.chat.source) }),
        )
        return composeSummary(entries, reason, alerts, sound, now)
      },
      emit: (alert) => {
        this.feed.push(alert)
        deps.bus.emit({ type: 'alert', alert })
      },
    })
    const onEvent = (event: ProtocolEvent) => {
      if (this.stopped) return
      if (event.type === 'chat.added') this.onChat(event.chat, undefined)
      else if (event.type === 'chat.changed') this.onChat(event.chat, event.previous)
      else if (event.type === 'chat.removed') this.forget(event.key)
      else if (event.type === 'source.status') this.checkSettled()
      else if (event.type === 'settings.changed') this.onSettings(event.settings)
    }
    const deferred = deps.afterAnswer
      ? afterAnswer(onEvent, (error, event) => deps.log.error('alert policy failed', { type: event.type, error }))
      : null
    this.flushEvents = deferred?.flush ?? (() => {})
    this.unsubscribe = deps.bus.subscribe(deferred?.listener ?? onEvent)
  }

  /** Handles every event still queued (deferred mode) at once. */
  readonly flushEvents: () => void
  private stopped = false

  /** Sources are started: arm the start-up cap and end the window at once if every source has settled. */
  start(): void {
    this.started = true
    this.armStartupCap()
    this.checkSettled()
  }

  /** Stops timers and listening (held alerts are not recorded, so the next run re-derives them). */
  stop(): void {
    this.flushEvents()
    this.stopped = true
    this.unsubscribe()
    this.timers.stop()
  }

  /**
   * The machine woke, the screen unlocked or the network changed: alerts raised while the sources catch up are
   * gathered (at most `capMs`) and go out as one summary when `endWake` is called.
   */
  beginWake(capMs: number): void {
    this.flushEvents()
    this.outbox.beginWake()
    this.timers.schedule('wake', this.deps.now() + capMs, () => this.outbox.endWake())
  }

  /** The sources caught up after a wake: release the one summary. */
  endWake(): void {
    this.flushEvents()
    this.timers.cancel('wake')
    this.outbox.endWake()
  }

  /** Resolves when the start-up window has ended and alerts go out one by one. */
  afterStartup(): Promise<void> {
    return this.outbox.afterStartup
  }

  /** Recent alerts, newest first, and how many are unseen (decisions still queued are made first). */
  list(): { alerts: Alert[]; unseen: number } {
    this.flushEvents()
    return { alerts: this.feed.list(), unseen: this.feed.unseen }
  }

  /** Marks alerts seen (all when `ids` is omitted); returns the unseen count. */
  seen(ids?: readonly string[]): number {
    this.flushEvents()
    return this.feed.markSeen(ids)
  }

  /** Sets manual do-not-disturb until `until` (null = off); persisted. */
  setDnd(until: number | null): { until: number | null } {
    this.deps.dnd.set({ until })
    this.outbox.dndChanged()
    return { until }
  }

  /** When the do-not-disturb in force now ends (manual or scheduled), or null when alerts are live. */
  dndUntil(): number | null {
    return dndEndsAt(this.dndState(), this.deps.now())
  }

  private dndState(): DndState {
    const { scheduleDnd, shifts } = this.settings.alerts
    return { manualUntil: this.deps.dnd.get().until, scheduleDnd, shifts }
  }

  private context: TransitionContext | null = null
  private transitionContext(): TransitionContext {
    const { journal } = this.deps
    this.context ??= {
      isMine: (chat) => this.isMine(chat),
      recordedEpisode: (key, kind) => journal.latestEpisode(key, kind),
    }
    return this.context
  }

  private onChat(chat: Chat, previous: Chat | undefined): void {
    const ctx = this.transitionContext()
    let waitingEpisode: number | undefined
    for (const t of detectTransitions(chat, previous, ctx)) {
      if (t.kind === 'new') waitingEpisode = t.episode
      this.raise({ id: transitionId(chat.key, t.kind, t.episode), kind: t.kind, chat, episode: t.episode })
    }
    this.trackWaiting(chat, previous, ctx, waitingEpisode)
    this.trackSnooze(chat, previous)
    // The ladder reached this agent (or a claim was let go): what was held back is raised now, exactly once.
    const held = this.heldForLadder.get(chat.key)
    if (held && !this.quietForTeam(chat)) {
      this.heldForLadder.delete(chat.key)
      if (this.relevant(held)) this.raise({ ...held, chat })
    }
    if (!isOpen(chat)) this.deps.journal.markClosed(chat.key)
  }

  private forget(key: string): void {
    this.waiting.delete(key)
    this.heldForLadder.delete(key)
    this.timers.cancel(key)
    this.timers.cancel(`sz:${key}`)
    this.deps.journal.markClosed(key)
  }

  /** Filters one candidate by the journal, kinds, scope and snooze, then hands it to the outbox. */
  private raise(facts: AlertFacts): void {
    const { journal } = this.deps
    const key = facts.chat.key
    if ((journal.knowsChat(key) && journal.has(facts.id)) || this.outbox.isPending(facts.id)) return
    const { alerts } = this.settings
    if (alerts.kinds[facts.kind] === false) return
    const chat = facts.chat
    if (facts.kind !== 'assigned-to-me' && !inScope(chat, alerts.scope, this.isMine(chat))) return
    if (TEAM_KINDS.has(facts.kind) && this.quietForTeam(chat)) {
      // Not recorded: should the ladder reach this agent later (or the claim be let go), the same alert goes out then.
      if (facts.kind !== 'still-waiting') this.heldForLadder.set(key, facts)
      return
    }
    if (facts.kind !== 'snooze-ended' && isSnoozed(chat, this.deps.now())) {
      journal.record([recordOf(facts)]) // absorbed by the snooze; `snooze-ended` speaks for the chat later
      return
    }
    this.outbox.offer(facts)
  }

  private trackWaiting(chat: Chat, previous: Chat | undefined, ctx: TransitionContext, episode?: number): void {
    if (chat.state !== 'waiting') {
      if (this.waiting.delete(chat.key)) this.timers.cancel(chat.key)
      return
    }
    // A claim ends the reminders on every desktop; a claim let go (the help desk refused) starts them again.
    if (chat.claim) {
      this.timers.cancel(chat.key)
      if (!this.waiting.has(chat.key)) this.waiting.set(chat.key, episode ?? waitingSince(chat, previous, ctx))
      return
    }
    const claimedSince = this.waiting.get(chat.key)
    if (previous?.claim && claimedSince !== undefined) {
      // The alert held back rings now (below); the next reminder strictly after it, not at the same moment.
      this.scheduleReminder(chat.key, claimedSince, this.deps.now() + 1, false)
      return
    }
    if (previous?.state === 'waiting' && this.waiting.has(chat.key)) return
    const since = episode ?? waitingSince(chat, previous, ctx)
    this.waiting.set(chat.key, since)
    this.scheduleReminder(chat.key, since, this.deps.now(), true)
  }

  /** Schedules the next reminder from `from`; with `catchUp` the latest one already due fires at once. */
  private scheduleReminder(key: string, since: number, from: number, catchUp: boolean): void {
    const { stillWaitingAfterSeconds: after, repeatEverySeconds: every } = this.settings.alerts
    let n = currentReminder(since, from, after, every)
    if (!catchUp && reminderDue(since, n, after, every) < from) n++
    this.timers.schedule(key, reminderDue(since, n, after, every), this.remindJob)
  }

  /** One shared job function for every reminder (no closure per waiting chat). */
  private readonly remindJob = (key: string, at: number): void => this.remind(key, at)

  /** The reminder job asked for at wall time `at`: at least that late, even if the wall clock was set back since. */
  private remind(key: string, at: number): void {
    const chat = this.deps.store.get(key)
    const since = this.waiting.get(key)
    if (chat?.state !== 'waiting' || since === undefined || chat.claim) return
    const now = Math.max(this.deps.now(), at)
    if (chat.snoozedUntil !== null && chat.snoozedUntil > now) {
      this.scheduleReminder(key, since, chat.snoozedUntil, false)
      return
    }
    const { stillWaitingAfterSeconds: after, repeatEverySeconds: every } = this.settings.alerts
    const repeat = currentReminder(since, now, after, every)
    const id = transitionId(key, 'still-waiting', since, repeat)
    this.raise({ id, kind: 'still-waiting', chat, episode: since, repeat, waitingSince: since })
    this.timers.schedule(key, reminderDue(since, repeat + 1, after, every), this.remindJob)
  }

  private trackSnooze(chat: Chat, previous: Chat | undefined): void {
    const until = chat.snoozedUntil
    if (until === null && (previous?.snoozedUntil ?? null) === null) return
    const id = `sz:${chat.key}`
    const now = this.deps.now()
    if (until !== null && until > now) {
      if (this.timers.dueAt(id) !== until) this.timers.schedule(id, until, () => this.snoozeEnded(chat.key, until))
      return
    }
    if (until === null || until !== previous?.snoozedUntil) this.timers.cancel(id)
    // A local snooze that ended while the app was closed: tell once (the journal knows if it already did).
    if (!previous && until !== null && this.deps.store.overlay(chat.key)?.snoozedUntil === until) {
      this.snoozeEnded(chat.key, until)
    }
  }

  private snoozeEnded(key: string, until: number): void {
    const chat = this.deps.store.get(key)
    if (!chat || !isOpen(chat) || chat.snoozedUntil !== until) return
    this.raise({ id: transitionId(key, 'snooze-ended', until), kind: 'snooze-ended', chat, episode: until })
  }

  /** Still worth showing when a hold ends: the chat is open, not snoozed, and still in the announced state. */
  private relevant(facts: AlertFacts): boolean {
    const chat = this.deps.store.get(facts.chat.key)
    if (!chat || !isOpen(chat)) return false
    // The snooze this alert says ended is over whatever the wall clock says now (it may have been set back).
    const endedSnooze = facts.kind === 'snooze-ended' && chat.snoozedUntil === facts.episode
    if (!endedSnooze && isSnoozed(chat, this.deps.now())) return false
    if (TEAM_KINDS.has(facts.kind) && chat.claim) return false
    if (facts.kind === 'new' || facts.kind === 'still-waiting') return chat.state === 'waiting'
    if (facts.kind === 'missed' || facts.kind === 'callback') return chat.state === facts.kind
    return true
  }

  /**
   * True when the team layer quiets this chat here: someone claimed it (it rings for nobody), or the hub's ladder
   * alerts others for it, not this agent. Without a hub (no agent, no ladder) nothing is quiet.
   */
  private quietForTeam(chat: Chat): boolean {
    if (chat.claim) return true
    const agent = this.deps.team?.agent ?? null
    return Boolean(chat.escalation) && agent !== null && !chat.escalation?.agents.includes(agent)
  }

  /** The name users see for a source: its identity's label. */
  private sourceLabel(source: string): string {
    return this.deps.adapters.get(source)?.identity.label ?? source
  }

  /** Mine when the chat's assignee or an invited agent is "me" at its source (`isMineAt`, the same everywhere). */
  private isMine(chat: Chat): boolean {
    return isMineAt(chat, this.deps.adapters.get(chat.source)?.me?.() ?? null)
  }

  private compose(facts: AlertFacts): Alert {
    const chat = this.deps.store.get(facts.chat.key) ?? facts.chat
    const adapter = this.deps.adapters.get(chat.source)
    const canAssign = Boolean(adapter?.identity.capabilities.assign && adapter.assign) && !this.isMine(chat)
    const canOpen = Boolean(chat.webUrl ?? adapter?.webUrl?.(chat))
    return composeAlert(
      { ...facts, chat },
      {
        settings: this.settings.alerts,
        sound: this.settings.sound,
        canAssign,
        canOpen,
        sourceLabel: this.sourceLabel(chat.source),
        now: this.deps.now(),
      },
    )
  }

  private armStartupCap(): void {
    if (!this.outbox.inStartup) return
    const at = this.createdAt + this.settings.alerts.startupWindowSeconds * 1000
    this.timers.schedule('startup', at, () => this.outbox.endStartup())
  }

  private checkSettled(): void {
    if (!this.started || !this.outbox.inStartup) return
    const states = new Map(this.deps.statuses().map((s) => [s.source, s.state]))
    const settled = this.deps.adapters.all().every((a) => {
      const state = states.get(a.identity.id)
      return state !== undefined && SETTLED.has(state)
    })
    if (settled) {
      this.timers.cancel('startup')
      this.outbox.endStartup()
    }
  }

  private onSettings(next: Settings): void {
    const before = this.settings.alerts
    this.settings = next
    this.context = null
    if (this.started) this.armStartupCap()
    const { stillWaitingAfterSeconds, repeatEverySeconds } = next.alerts
    if (
      stillWaitingAfterSeconds !== before.stillWaitingAfterSeconds ||
      repeatEverySeconds !== before.repeatEverySeconds
    ) {
      for (const [key, since] of this.waiting) this.scheduleReminder(key, since, this.deps.now(), true)
    }
    this.outbox.dndChanged()
  }
}

/** True when the chat falls in the alert scope. */
export function inScope(chat: Chat, scope: Settings['alerts']['scope'], mine: boolean): boolean {
  if (scope === 'all') return true
  if (scope === 'unassigned') return chat.assignee === null
  return mine
}
