/**
 * The HelpCrunch poller. Each cycle:
 *  1. incremental: `GET /chats` newest message first, paging only down to the last cycle's high-water
 *     mark minus a small overlap — a quiet cycle is exactly ONE request;
 *  2. every `reconcileEveryMs`, one page of the open-set sweep (`open-sweep.ts`) — catches status and
 *     assignee changes that carry no message; the first cycle after start runs the whole sweep (loads
 *     every open chat);
 *  3. chats that left the open set are confirmed once with `GET /chats/{id}` (404 → removed).
 * Steps 2–3 fail on their own: a broken `POST /chats/search` becomes a source warning and backs off on
 * its own schedule, while step 1 keeps bringing new chats every cycle.
 * Why `lastMessageAt` and not search by `chats.updatedAt`: `GET /chats` and its sort fields are in every
 * doc version, while `updatedAt` appears only in the newest ones and is unverified (docs/helpcrunch.md);
 * what it would add (changes without a message) the reconcile already covers.
 * One timer at a time; failures back off (`backoff.ts`); progress made before a failure is kept.
 * Over 200 lines on purpose: the three steps share one cursor, one timer and one status; the sweep,
 * backoff and rate live in their own files.
 */
import { type Chat, isOpen, isSnoozed } from '../../../../shared/chat'
import type { SourceState } from '../../../../shared/protocol'
import type { AdapterContext } from '../../engine/adapters'
import { memoryCell } from '../../engine/persistence/cell'
import type { HighWaterMarkStore } from '../../engine/persistence/state-dir'
import { Backoff, planForFailure } from './backoff'
import type { HelpCrunchClient } from './client'
import { type Clock, systemClock } from './clock'
import { HelpCrunchError } from './errors'
import { OpenSetSweep } from './open-sweep'
import { OpenStatusSearch } from './status-filter'

/** Options of the poller. Functions are read every cycle, so settings changes apply at once. */
/** What a status report carries besides its state and message. */
export interface PollStatusDetail {
  warnings?: string[]
  retryAt?: number
}

export interface PollerOptions {
  client: HelpCrunchClient
  context: AdapterContext
  /** Configured interval (settings.helpcrunch.pollSeconds × 1000). */
  intervalMs: () => number
  /** The organisation's budget (settings.helpcrunch.requestsPerMinute). */
  requestsPerMinute: () => number
  /**
   * `detail.warnings`: problems of a cycle that still succeeded (e.g. the open-chat sweep failing);
   * `detail.retryAt`: when the poller tries again after a failure (shown as "clears in …").
   */
  onStatus: (state: SourceState, message: string | null, detail?: PollStatusDetail) => void
  clock?: Clock
  highWaterMark?: HighWaterMarkStore
  /** Lowest adaptive interval (default 5 s, the settings minimum). */
  minIntervalMs?: number
  reconcileEveryMs?: number
  overlapMs?: number
  pageSize?: number
  maxPagesPerCycle?: number
  maxConfirmationsPerCycle?: number
  backoff?: Backoff
  /** Backoff of the open-chat sweep after its own failures. */
  sweepBackoff?: Backoff
  /** Called after each successful cycle (diagnostics, benchmarks). */
  onCycle?: (info: { changed: number; nextDelayMs: number }) => void
}

/** Runs the poll cycles of one HelpCrunch account. */
export class HelpCrunchPoller {
  private readonly clock: Clock
  private readonly hwm: HighWaterMarkStore
  private readonly backoff: Backoff
  private readonly sweepBackoff: Backoff
  private sweepRetryAt = 0
  private sweepWarning: string | null = null
  private readonly pageSize: number
  private readonly openSearch: OpenStatusSearch
  private running = false
  private timer: unknown = null
  private inFlight: Promise<void> | null = null
  private needFullSweep = true
  private sweep: OpenSetSweep | null = null
  private lastReconcileAt = 0
  private quietCycles = 0
  /** When each chat was last seen in an answer (leaver detection). */
  private readonly seenAt = new Map<string, number>()
  private readonly confirmQueue: string[] = []

  constructor(private readonly options: PollerOptions) {
    this.clock = options.clock ?? systemClock
    this.hwm = options.highWaterMark ?? memoryCell<number | null>(null)
    this.backoff = options.backoff ?? new Backoff()
    this.sweepBackoff = options.sweepBackoff ?? new Backoff()
    this.pageSize = Math.min(100, options.pageSize ?? 100)
    this.openSearch = new OpenStatusSearch(options.client)
  }

  /** Starts polling at once; the first cycle loads every open chat. */
  start(): void {
    if (this.running) return
    this.running = true
    this.needFullSweep = true
    this.sweep = null
    this.schedule(0)
  }

  /** Stops; waits for a cycle in flight. */
  async stop(): Promise<void> {
    this.running = false
    this.clearTimer()
    await this.inFlight?.catch(() => {})
  }

  /** Polls now (refresh button, wake from sleep, back online) and resolves when that cycle is done. */
  async refresh(): Promise<void> {
    if (!this.running) return
    await this.inFlight?.catch(() => {})
    if (!this.running) return
    this.clearTimer()
    await this.runCycle()
  }

  /** Marks chats as seen (e.g. fetched for a webhook) so the reconcile does not confirm them again. */
  noteSeen(chats: readonly Chat[]): void {
    const now = this.clock.now()
    for (const chat of chats) this.seenAt.set(chat.key, now)
  }

  /** True while cycles are scheduled. */
  get isRunning(): boolean {
    return this.running
  }

  private schedule(ms: number): void {
    this.clearTimer()
    if (!this.running) return
    this.timer = this.clock.setTimeout(() => {
      this.timer = null
      void this.runCycle()
    }, ms)
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
  }

  private runCycle(): Promise<void> {
    const cycle = this.cycle().finally(() => {
      if (this.inFlight === cycle) this.inFlight = null
    })
    this.inFlight = cycle
    return cycle
  }

  private async cycle(): Promise<void> {
    let delay: number
    let changedInCycle: number | null = null
    try {
      let changed = await this.incremental()
      changed += await this.sweepAndConfirm()
      this.backoff.reset()
      this.quietCycles = changed > 0 ? 0 : this.quietCycles + 1
      this.options.onStatus('ok', null, { warnings: this.sweepWarning ? [this.sweepWarning] : [] })
      delay = this.nextInterval()
      changedInCycle = changed
    } catch (error) {
      if (!this.running) return // stopped mid-cycle: the failure is ours, not HelpCrunch's
      const plan = planForFailure(error)
      if (plan.kind === 'stop') {
        this.options.onStatus(plan.state, plan.message)
        this.running = false
        return
      }
      delay = this.backoff.next(plan.retryAfterMs)
      this.options.onStatus(plan.state, plan.message, { retryAt: this.clock.now() + delay })
      this.options.context.log.warn('helpcrunch poll failed', { state: plan.state, message: plan.message })
    }
    this.schedule(delay)
    if (changedInCycle !== null) this.options.onCycle?.({ changed: changedInCycle, nextDelayMs: delay })
  }

  /** Pages newest-first down to the high-water mark; returns how many chats changed. */
  private async incremental(): Promise<number> {
    const mark = this.hwm.get()
    const floor = mark === null ? null : mark - (this.options.overlapMs ?? 30_000)
    const maxPages = this.options.maxPagesPerCycle ?? 10
    let newest = mark ?? 0
    let changed = 0
    for (let pageIndex = 0; ; pageIndex++) {
      const page = await this.options.client.listChats({
        sort: 'chats.lastMessageAt',
        order: 'desc',
        offset: pageIndex * this.pageSize,
        limit: this.pageSize,
      })
      changed += this.ingest(page.chats, page.invalid)
      for (const chat of page.chats) newest = Math.max(newest, chat.lastMessageAt ?? 0)
      const oldest = page.chats.at(-1)?.lastMessageAt ?? null
      if (floor === null || page.itemCount < this.pageSize || oldest === null || oldest < floor) break
      if (pageIndex + 1 >= maxPages) {
        // A long outage or sleep: stop paging and let a full sweep of the open set catch up instead.
        this.needFullSweep = true
        break
      }
    }
    if (newest > 0) this.hwm.set(newest)
    return changed
  }

  /**
   * The open-set sweep (all of it while a full load is due) and the leaver confirmations. Their failure
   * is reported as a warning and retried on the sweep's own backoff; only a rejected key stops polling.
   */
  private async sweepAndConfirm(): Promise<number> {
    if (this.clock.now() < this.sweepRetryAt) return 0
    let changed = 0
    try {
      if (this.needFullSweep) {
        this.options.onStatus('polling', 'loading open chats')
        while (this.needFullSweep) changed += await this.reconcileStep(true)
      } else if (this.clock.now() - this.lastReconcileAt >= this.reconcileEveryMs())
        changed += await this.reconcileStep(false)
      changed += await this.confirmLeavers()
      this.sweepBackoff.reset()
      this.sweepWarning = null
    } catch (error) {
      const plan = planForFailure(error)
      if (plan.kind === 'stop' || !this.running) throw error
      this.sweepRetryAt = this.clock.now() + this.sweepBackoff.next(plan.retryAfterMs)
      this.sweepWarning = `open-chat sweep failed (${plan.message}); new chats still arrive, but changes without a message may show late`
      this.options.context.log.warn('helpcrunch open-chat sweep failed', { state: plan.state, message: plan.message })
    }
    return changed
  }

  /** One page of the open-set sweep (or all of it when `full`); returns how many chats changed. */
  private async reconcileStep(full: boolean): Promise<number> {
    this.sweep ??= new OpenSetSweep(this.clock.now(), this.pageSize)
    const sweep = this.sweep
    const page = await this.openSearch.page(sweep.nextQuery())
    const changed = this.ingest(page.chats, page.invalid)
    this.lastReconcileAt = this.clock.now()
    if (!sweep.advance(page)) return changed
    this.sweep = null
    if (full) this.needFullSweep = false
    for (const chat of this.options.context.chats()) {
      const seen = this.seenAt.get(chat.key)
      if (isOpen(chat) && (seen === undefined || seen < sweep.startedAt) && !this.confirmQueue.includes(chat.key))
        this.confirmQueue.push(chat.key)
    }
    for (const key of this.seenAt.keys()) if (!this.options.context.get(key)) this.seenAt.delete(key)
    return changed
  }

  /** Confirms chats that left the open set with one GET each (bounded per cycle). */
  private async confirmLeavers(): Promise<number> {
    let changed = 0
    const limit = this.options.maxConfirmationsPerCycle ?? 5
    for (let done = 0; done < limit && this.confirmQueue.length > 0; done++) {
      const key = this.confirmQueue[0] as string
      const held = this.options.context.get(key)
      if (held && isOpen(held)) {
        try {
          const chat = await this.options.client.getChat(held.sourceId)
          this.noteSeen([chat])
          changed += this.options.context.ingest([chat], { force: true })
        } catch (error) {
          if (!(error instanceof HelpCrunchError && error.kind === 'not-found')) throw error
          this.options.context.remove(key, 'deleted')
          changed++
        }
      }
      this.confirmQueue.shift()
    }
    return changed
  }

  /** Ingests open chats and new versions of chats already held; closed strangers are not worth adding. */
  private ingest(chats: readonly Chat[], invalid: readonly string[]): number {
    if (invalid.length > 0)
      this.options.context.log.warn('helpcrunch: skipped invalid chats', { count: invalid.length, first: invalid[0] })
    this.noteSeen(chats)
    const wanted = chats.filter((chat) => isOpen(chat) || this.options.context.get(chat.key) !== undefined)
    return wanted.length > 0 ? this.options.context.ingest(wanted) : 0
  }

  /** Adaptive pace: faster while someone waits, slower when idle, never above half the budget. */
  private nextInterval(): number {
    const base = Math.max(this.options.minIntervalMs ?? 5_000, this.options.intervalMs())
    const now = this.clock.now()
    const waiting = this.options.context.chats().some((c) => c.state === 'waiting' && !isSnoozed(c, now))
    const wanted = waiting ? (base * 2) / 3 : this.quietCycles >= 8 ? base * 2 : base
    const pollPerMinute = this.options.requestsPerMinute() / 2 - 60_000 / this.reconcileEveryMs()
    const budgetFloor = 60_000 / Math.max(0.25, pollPerMinute)
    return Math.round(Math.max(wanted, this.options.minIntervalMs ?? 5_000, budgetFloor))
  }

  /** Reconcile pace: configured, but never more than a quarter of the budget. */
  private reconcileEveryMs(): number {
    const configured = this.options.reconcileEveryMs ?? 30_000
    return Math.max(configured, 60_000 / Math.max(0.25, this.options.requestsPerMinute() / 4))
  }
}
