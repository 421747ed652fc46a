/**
 * The HelpCrunch poller. Each cycle:
 *  1. incremental: `GET /chats` newest message first, paging only down to the last cycle's high-water
 *     mark minus a small overlap — a quiet cycle is exactly ONE request; paging always ends (a page cap, and a
 *     page that adds nothing new ends it);
 *  2. the reconcile of open chats (`reconcile.ts`): while the open chats are (re)loaded up to 20 pages a cycle,
 *     the next cycle following at once, otherwise one page every `reconcileEveryMs`; the filter it uses is proven against ground truth; chats that
 *     left the open set are confirmed with `GET /chats/{id}` (404 → removed).
 * The incremental runs first and never waits for a whole sweep: the reconcile's pages per cycle are capped.
 * Step 2 fails on its own: a broken `POST /chats/search` becomes a source warning and backs off on its own
 * schedule, while step 1 keeps bringing new chats every cycle.
 * Why `lastMessageAt` and not search by `chats.updatedAt`: `GET /chats` and its sort fields are in every
 * doc version, while `updatedAt` appears only in the newest ones and is unverified (docs/helpcrunch.md).
 * Every answer is applied through the ordering rule (`ordering.ts`); records that cannot be read are counted
 * and kept (`unmapped.ts`). One timer at a time; failures back off (`backoff.ts`).
 */
import { type Chat, isOpen, isSnoozed } from '../../../../shared/chat'
import type { SourceState, StatusNotice } from '../../../../shared/protocol'
import type { AdapterContext } from '../../engine/adapters'
import { memoryCell } from '../../engine/persistence/cell'
import type { HighWaterMarkStore } from '../../engine/persistence/state-dir'
import { Backoff, planForFailure } from './backoff'
import type { ChatPage, ChatSnapshot, HelpCrunchClient } from './client'
import { type Clock, systemClock } from './clock'
import type { HelpCrunchOrdering } from './ordering'
import { OpenChatReconcile } from './reconcile'
import { stoppableClient } from './stoppable-client'
import type { UnmappedRecords } from './unmapped'

/** What a status report carries besides its state and message. */
export interface PollStatusDetail {
  warnings?: StatusNotice[]
  retryAt?: number
}

/** Options of the poller. Functions are read every cycle, so settings changes apply at once. */
export interface PollerOptions {
  client: HelpCrunchClient
  context: AdapterContext
  /** The ordering rule every REST answer goes through (shared with webhooks and quick actions). */
  ordering: HelpCrunchOrdering
  /** Where records that cannot be read are counted and kept. */
  unmapped: UnmappedRecords
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
  /** When the shared budget, paused by HelpCrunch (429), grants again, if it is paused: the real time of the next try. */
  pausedUntil?: () => number | null
  highWaterMark?: HighWaterMarkStore
  /** Lowest adaptive interval (default 5 s, the settings minimum). */
  minIntervalMs?: number
  reconcileEveryMs?: number
  overlapMs?: number
  pageSize?: number
  /** Most incremental pages a cycle reads (default 10). */
  maxPagesPerCycle?: number
  /** Most reconcile pages a cycle reads while the open chats are loaded (default 20: ~10 s of the budget). */
  maxSweepPagesPerCycle?: number
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
  private readonly reconcile: OpenChatReconcile
  private running = false
  private timer: unknown = null
  private inFlight: Promise<void> | null = null
  private lastReconcileAt = Number.NEGATIVE_INFINITY
  private quietCycles = 0
  private applied = 0
  /** The client, refusing to send once stopped: a cycle in flight sends nothing more. */
  private readonly client: HelpCrunchClient

  constructor(private readonly options: PollerOptions) {
    this.clock = options.clock ?? systemClock
    this.hwm = options.highWaterMark ?? memoryCell<number | null>(null)
    this.backoff = options.backoff ?? new Backoff()
    this.sweepBackoff = options.sweepBackoff ?? new Backoff()
    this.pageSize = Math.min(100, options.pageSize ?? 100)
    this.client = stoppableClient(options.client, () => this.running)
    this.reconcile = new OpenChatReconcile({
      client: this.client,
      context: options.context,
      clock: this.clock,
      pageSize: this.pageSize,
      applyPage: (page) => this.applyPage(page),
      applySnapshot: (snapshot) => this.applySnapshot(snapshot),
      removed: (key) => this.removed(key),
      maxPagesPerCycle: options.maxSweepPagesPerCycle ?? 20,
      maxConfirmationsPerCycle: options.maxConfirmationsPerCycle ?? 5,
    })
  }

  /** Starts polling at once; the first cycles load every open chat. */
  start(): void {
    if (this.running) return
    this.running = true
    this.reconcile.restart()
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

  /** Applies one REST answer (a webhook's fetch, a confirmation) through the ordering rule. */
  applySnapshot({ chat, sentAt }: ChatSnapshot): number {
    return this.apply([chat], sentAt, true)
  }

  /** A chat HelpCrunch says no longer exists: removed, and answers sent before now cannot bring it back. */
  removed(key: string): void {
    this.options.context.remove(key, 'deleted')
    this.options.ordering.forget(key, this.clock.now())
  }

  /** The open-chat search in use and what it learnt (diagnostics). */
  get openChatSearch(): OpenChatReconcile['search'] {
    return this.reconcile.search
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
      if (this.reconcile.loading) this.options.onStatus('polling', 'loading open chats', { warnings: this.warnings() })
      let changed = await this.incremental()
      changed += await this.sweepAndConfirm()
      this.backoff.reset()
      this.quietCycles = changed > 0 ? 0 : this.quietCycles + 1
      const loading = this.reconcile.loading && this.sweepWarning === null
      this.options.onStatus(loading ? 'polling' : 'ok', loading ? 'loading open chats' : this.reconcile.message(), {
        warnings: this.warnings(),
      })
      // While the open chats load, the next cycle follows at once (the budget paces it): the load goes as fast as
      // it may, and the incremental poll still runs between every capped chunk of it.
      delay = loading && this.clock.now() >= this.sweepRetryAt ? 0 : this.nextInterval()
      changedInCycle = changed
    } catch (error) {
      if (!this.running) return // stopped mid-cycle: the failure is ours, not HelpCrunch's
      const plan = planForFailure(error)
      if (plan.kind === 'stop') {
        this.options.onStatus(plan.state, plan.message)
        this.running = false
        return
      }
      // The next try is the later of the backoff and the budget's pause, so the status tells the real time.
      const now = this.clock.now()
      delay = Math.max(this.backoff.next(plan.retryAfterMs), (this.options.pausedUntil?.() ?? now) - now)
      this.options.onStatus(plan.state, plan.message, { retryAt: now + delay, warnings: this.warnings() })
      this.options.context.log.warn('helpcrunch poll failed', { state: plan.state, message: plan.message })
    }
    this.schedule(delay)
    if (changedInCycle !== null) this.options.onCycle?.({ changed: changedInCycle, nextDelayMs: delay })
  }

  private warnings(): StatusNotice[] {
    const sweep: StatusNotice[] = this.sweepWarning ? [{ code: 'sweep-failed', message: this.sweepWarning }] : []
    const unmapped = this.options.unmapped.warning()
    return [...sweep, ...this.reconcile.warnings(), ...(unmapped ? [unmapped] : [])]
  }

  /**
   * Pages newest-first down to the high-water mark; returns how many chats changed. Ends on the page cap, an
   * empty page, a page that adds nothing new, or a short page once `total` agrees nothing remains.
   */
  private async incremental(): Promise<number> {
    const mark = this.hwm.get()
    const floor = mark === null ? null : mark - (this.options.overlapMs ?? 30_000)
    const maxPages = this.options.maxPagesPerCycle ?? 10
    const seen = new Set<string>()
    let newest = mark ?? 0
    let changed = 0
    let offset = 0
    for (let pageIndex = 0; ; pageIndex++) {
      const page = await this.client.listChats({
        sort: 'chats.lastMessageAt',
        order: 'desc',
        offset,
        limit: this.pageSize,
      })
      changed += this.applyPage(page)
      offset += page.itemCount
      const added = page.ids.filter((id) => !seen.has(id)).length
      for (const id of page.ids) seen.add(id)
      for (const chat of page.chats) newest = Math.max(newest, chat.lastMessageAt ?? 0)
      const oldest = page.chats.at(-1)?.lastMessageAt ?? null
      const short = page.itemCount < this.pageSize && (page.total === null || offset >= page.total)
      if (floor === null || page.itemCount === 0 || added === 0 || short || oldest === null || oldest < floor) break
      if (pageIndex + 1 >= maxPages) {
        // A long outage or sleep: stop paging and let a full reload of the open set catch up instead.
        this.reconcile.restart()
        break
      }
    }
    if (newest > 0) this.hwm.set(newest)
    return changed
  }

  /**
   * The reconcile's share of this cycle. Its failure is reported as a warning and retried on the sweep's own
   * backoff; only a rejected key stops polling.
   */
  private async sweepAndConfirm(): Promise<number> {
    if (this.clock.now() < this.sweepRetryAt) return 0
    const due = this.clock.now() - this.lastReconcileAt >= this.reconcileEveryMs()
    try {
      if (this.reconcile.loading) this.options.onStatus('polling', 'loading open chats', { warnings: this.warnings() })
      if (due) this.lastReconcileAt = this.clock.now()
      const changed = await this.reconcile.run(due)
      this.sweepBackoff.reset()
      this.sweepWarning = null
      return changed
    } catch (error) {
      const plan = planForFailure(error)
      if (plan.kind === 'stop' || !this.running) throw error
      this.sweepRetryAt = this.clock.now() + this.sweepBackoff.next(plan.retryAfterMs)
      this.sweepWarning = `open-chat sweep failed (${plan.message}); new chats still arrive, but changes without a message may show late`
      this.options.context.log.warn('helpcrunch open-chat sweep failed', { state: plan.state, message: plan.message })
      return 0
    }
  }

  /** Applies a page's chats and notes the records that could not be read. */
  private applyPage(page: ChatPage): number {
    this.options.unmapped.note(page.invalid)
    this.options.unmapped.readable(page.chats.map((chat) => chat.sourceId))
    return this.apply(page.chats, page.sentAt, false)
  }

  /**
   * Applies REST answers of a request sent at `sentAt` through the ordering rule: open chats and new versions of
   * chats already held; closed strangers are not worth adding (unless `always`: a chat asked for by id).
   */
  private apply(chats: readonly Chat[], sentAt: number, always: boolean): number {
    const { context, ordering } = this.options
    const versions: Chat[] = []
    for (const chat of chats) {
      if (!always && !isOpen(chat) && context.held(chat.key) === undefined) continue
      const version = ordering.snapshot(chat, sentAt)
      if (version) versions.push(version)
    }
    // The ordering's marks of chats the store dropped are pruned now and then (bounded memory).
    this.applied += chats.length
    if (this.applied > 10_000) {
      this.applied = 0
      ordering.prune()
    }
    return versions.length > 0 ? context.ingest(versions) : 0
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
