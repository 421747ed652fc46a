/**
 * The reconcile of open chats, one page at a time (`open-sweep.ts`), through the status filter in use
 * (`status-filter.ts`), with that filter proven against ground truth at the end of every pass:
 *  - a pass that returns a chat that is not open: the filter was ignored or misread → the next form;
 *  - a pass that finds nothing at all: the other forms are tried with one page each (on the first pass of a
 *    connection, then at most every `PROBE_EVERY_MS`); one that finds open chats replaces it;
 *  - the chats the tray holds as open that the pass did not find are confirmed one by one with
 *    `GET /chats/{id}` (the leavers: closed, reassigned away, deleted). One that is still open, in the state it had
 *    for a minute before the pass began, disagrees with the form: when the pass found no chat in that state at
 *    all, or on the second such miss, the form is given up.
 * When no form is left, every chat is listed with `GET /chats` instead, and the status says so.
 * Over 200 lines on purpose: a pass, its judgement and the confirmations share one state; paging and the forms
 * are in their own files (`open-sweep.ts`, `status-filter.ts`).
 */
import { type Chat, isOpen, type UnifiedState } from '../../../../shared/chat'
import type { StatusNotice } from '../../../../shared/protocol'
import type { AdapterContext } from '../../engine/adapters'
import type { ChatPage, ChatSnapshot, HelpCrunchClient } from './client'
import type { Clock } from './clock'
import { HelpCrunchError } from './errors'
import { OpenSetSweep } from './open-sweep'
import { type OpenChatMode, OpenStatusSearch, STATUS_FILTER_LABELS } from './status-filter'

/** How often a pass that found nothing may try the other forms (after the first pass of a connection). */
const PROBE_EVERY_MS = 10 * 60_000
/** Misses (open chats a pass did not find) that give a form up, when the pass found others in the same state. */
const MISSES_TO_GIVE_UP = 2
/** How long before a pass a chat must have been unchanged for a miss of it to count against the form. */
const SEARCH_LAG_MS = 60_000
/** Pages a listing pass reads per reconcile step once the open chats are loaded (a search reads one). */
const LISTING_PAGES_PER_STEP = 3

/** What the reconcile needs from the poller. */
export interface ReconcileOptions {
  client: HelpCrunchClient
  context: AdapterContext
  clock: Clock
  pageSize: number
  /** Applies a page's chats (ordering, unmapped records); returns how many chats changed. */
  applyPage(page: ChatPage): number
  /** Applies one REST answer; returns how many chats changed. */
  applySnapshot(snapshot: ChatSnapshot): number
  /** Says a chat is gone (removed from the store, ordering told). */
  removed(key: string): void
  /** Most pages a cycle reads while the open chats are (re)loaded. */
  maxPagesPerCycle: number
  maxConfirmationsPerCycle: number
}

/** A chat a pass did not find, to confirm; `judge`: whether the confirmation may judge the pass's form. */
interface Leaver {
  key: string
  pass: PassInfo
  judge: boolean
  /** The chat's state when the pass ended. */
  state: UnifiedState
}

interface PassInfo {
  startedAt: number
  mode: OpenChatMode
  statesFound: ReadonlySet<UnifiedState>
}

/** One connection's reconcile. */
export class OpenChatReconcile {
  readonly search: OpenStatusSearch
  private sweep: OpenSetSweep | null = null
  private loadingAll = true
  private lastProbeAt = Number.NEGATIVE_INFINITY
  private misses = 0
  private readonly queue: Leaver[] = []
  private pagingWarning: string | null = null
  private listingPages: number | null = null

  constructor(private readonly options: ReconcileOptions) {
    this.search = new OpenStatusSearch(options.client)
  }

  /** True until a whole pass has loaded the open chats (and again after the filter changed). */
  get loading(): boolean {
    return this.loadingAll
  }

  /** Starts over: the next cycles load every open chat again. */
  restart(): void {
    this.loadingAll = true
    this.sweep = null
  }

  /**
   * One cycle's share: while loading, up to `maxPagesPerCycle` pages; otherwise, when `due`, one step (a page,
   * or a few of a listing). Then up to `maxConfirmationsPerCycle` confirmations. Returns how many chats changed.
   */
  async run(due: boolean): Promise<number> {
    let changed = 0
    const listing = this.search.current.form === 'listing'
    const pages = this.loadingAll ? this.options.maxPagesPerCycle : due ? (listing ? LISTING_PAGES_PER_STEP : 1) : 0
    for (let read = 0; read < pages; read++) {
      changed += await this.page()
      if (this.sweep === null && !this.loadingAll) break
    }
    return changed + (await this.confirm())
  }

  /** The mode in use, for the source status's message. */
  message(): string {
    return `open chats: ${STATUS_FILTER_LABELS[this.search.current.form]}`
  }

  /** What the reconcile has to say: a form given up, the listing fallback, paging that cannot reach the end. */
  warnings(): StatusNotice[] {
    const out: StatusNotice[] = []
    const { form } = this.search.current
    const given = [...this.search.rejected].map(([f, why]) => `${STATUS_FILTER_LABELS[f]}: ${why}`)
    if (form === 'listing') {
      const cost = this.listingPages === null ? '' : ` (about ${this.listingPages} requests a pass)`
      out.push({
        code: 'search-listing',
        message:
          `HelpCrunch's search does not find the open chats (${this.search.listingReason}${given.length ? `; ${given.join('; ')}` : ''}), ` +
          `so every chat is read with GET /chats instead${cost}: open chats without a new message may show late`,
      })
    } else if (given.length > 0) {
      out.push({
        code: 'search-form',
        message: `HelpCrunch's search disagreed with the open chats HelpCrunch shows (${given.join('; ')}); it now uses ${STATUS_FILTER_LABELS[form]}`,
      })
    }
    if (this.pagingWarning) out.push({ code: 'paging', message: this.pagingWarning })
    return out
  }

  private async page(): Promise<number> {
    this.sweep ??= new OpenSetSweep(this.options.clock.now(), this.options.pageSize, this.listing())
    const sweep = this.sweep
    const page = await this.search.page(sweep.nextQuery())
    if (this.listing()) sweep.listing = true // every form was refused during this very call
    const changed = this.options.applyPage(page)
    if (sweep.listing && page.total !== null) this.listingPages = Math.ceil(page.total / this.options.pageSize)
    if (!sweep.advance(page)) return changed
    this.sweep = null
    await this.passEnded(sweep)
    return changed
  }

  private listing(): boolean {
    return this.search.current.form === 'listing'
  }

  private async passEnded(sweep: OpenSetSweep): Promise<void> {
    const repeated = sweep.end === 'repeats' && sweep.rows >= this.options.pageSize
    if (repeated && !sweep.listing)
      return this.reload(() => this.search.useListing('it answers the same page whatever the offset'))
    this.pagingWarning = repeated
      ? `HelpCrunch answers the same page of GET /chats whatever the offset: only ${sweep.found.size} chats can be read, so older open chats may be missing`
      : null
    if (!sweep.listing) {
      if (sweep.nonOpenRows > 0) {
        const n = sweep.nonOpenRows
        return this.reload(() =>
          this.search.disprove(
            `it returned ${n} chat${n === 1 ? '' : 's'} that ${n === 1 ? 'is' : 'are'} not open (the filter was ignored or misread)`,
          ),
        )
      }
      if (sweep.found.size === 0 && this.options.clock.now() - this.lastProbeAt >= PROBE_EVERY_MS) {
        this.lastProbeAt = this.options.clock.now()
        const better = await this.search.probe(
          sweep.nextQuery(),
          (page) => page.chats.every(isOpen) && page.invalid.length === 0,
        )
        if (better)
          return this.reload(() =>
            this.search.switchTo(better, `it found no open chat while ${STATUS_FILTER_LABELS[better]} found some`),
          )
      }
    }
    const info: PassInfo = {
      startedAt: sweep.startedAt,
      mode: this.search.current.form,
      statesFound: sweep.statesFound,
    }
    let queued = 0
    for (const chat of this.options.context.chats()) {
      // Changed since the pass began (its version is when the app learnt of the change): fresher than the pass.
      if (!isOpen(chat) || sweep.found.has(chat.key) || chat.updatedAt > sweep.startedAt) continue
      // Only a chat unchanged for a while before the pass may judge its form: a search index can lag a change.
      const judge = chat.updatedAt <= sweep.startedAt - SEARCH_LAG_MS
      if (!this.queue.some((entry) => entry.key === chat.key))
        this.queue.push({ key: chat.key, pass: info, judge, state: chat.state })
      queued++
    }
    if (queued === 0) this.misses = 0 // every open chat the tray holds was found: the form agrees with them all
    this.loadingAll = false
  }

  /** Gives up the form in use (`change`) and loads every open chat again at once. */
  private reload(change: () => void): void {
    change()
    this.misses = 0
    this.loadingAll = true
    this.sweep = null
  }

  /** Confirms leavers with one GET each (bounded per cycle); a confirmed open chat judges the form. */
  private async confirm(): Promise<number> {
    let changed = 0
    for (let done = 0; done < this.options.maxConfirmationsPerCycle && this.queue.length > 0; done++) {
      const leaver = this.queue[0] as Leaver
      const held = this.options.context.get(leaver.key)
      if (held && isOpen(held)) {
        try {
          const snapshot = await this.options.client.getChat(held.sourceId)
          changed += this.options.applySnapshot(snapshot)
          // Still open, in the state it had all along: the pass should have found it.
          if (leaver.judge && snapshot.chat.state === leaver.state) this.missed(snapshot.chat, leaver.pass)
        } catch (error) {
          if (!(error instanceof HelpCrunchError && error.kind === 'not-found')) throw error
          this.options.removed(leaver.key)
          changed++
        }
      }
      this.queue.shift()
    }
    return changed
  }

  /** A chat the pass did not find is open after all: evidence against the form that pass used. */
  private missed(chat: Chat, pass: PassInfo): void {
    if (pass.mode === 'listing' || pass.mode !== this.search.current.form || this.loadingAll) return
    const evidence = `chat ${chat.sourceId} is "${chat.rawStatus}" (GET /chats/${chat.sourceId})`
    if (!pass.statesFound.has(chat.state)) {
      this.reload(() => this.search.disprove(`it found no chat in the state of ${evidence}`))
      return
    }
    this.misses++
    if (this.misses >= MISSES_TO_GIVE_UP)
      this.reload(() => this.search.disprove(`it missed ${this.misses} open chats, e.g. ${evidence}`))
  }
}
