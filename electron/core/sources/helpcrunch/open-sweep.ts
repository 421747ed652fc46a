/**
 * One pass of the reconcile over the open chats (`status-filter.ts` says how they are asked for): pages oldest
 * first, so new chats append at the end, and says when the pass is over — a pass always ends:
 *  - an empty page, or a page that adds no chat this pass has not seen (a server that ignores `offset`);
 *  - a short page once `total` agrees that nothing remains (a short page while `total` says more remain is a
 *    server capping its pages, so paging goes on).
 * It remembers what the pass found, so the status filter can be judged against ground truth at its end.
 */
import { isOpen, type UnifiedState } from '../../../../shared/chat'
import type { ChatPage, ChatQuery } from './client'

/** How a pass ended. */
export type PassEnd = 'complete' | 'repeats'

/** Progress of one pass; survives failed pages (it resumes where it stopped). */
export class OpenSetSweep {
  private offset = 0
  /** Keys of every chat the pass found. */
  readonly found = new Set<string>()
  /** States of the open chats it found. */
  readonly statesFound = new Set<UnifiedState>()
  /** Rows whose state is not open: the server ignored or misread the filter. */
  nonOpenRows = 0
  pages = 0
  /** Rows the pass saw (valid or not). */
  rows = 0
  end: PassEnd | null = null

  constructor(
    readonly startedAt: number,
    private readonly pageSize: number,
    /** Listing every chat (`GET /chats`) rather than searching the open ones: closed rows are expected. */
    public listing = false,
  ) {}

  /** The query of the next page. */
  nextQuery(): ChatQuery {
    return { sort: 'chats.createdAt', order: 'asc', offset: this.offset, limit: this.pageSize }
  }

  /** Records a fetched page; returns true when that was the last one. */
  advance(page: ChatPage): boolean {
    this.pages++
    this.rows += page.itemCount
    let added = 0
    const ids = new Set([...page.ids, ...page.chats.map((chat) => chat.sourceId)])
    for (const id of ids) if (!this.found.has(`helpcrunch:${id}`)) added++
    for (const chat of page.chats) {
      this.found.add(chat.key)
      if (isOpen(chat)) this.statesFound.add(chat.state)
      else if (!this.listing) this.nonOpenRows++
    }
    for (const id of page.ids) this.found.add(`helpcrunch:${id}`)
    this.offset += page.itemCount
    if (page.itemCount === 0) this.end = 'complete'
    else if (added === 0) this.end = 'repeats'
    else if (page.itemCount < this.pageSize && (page.total === null || this.offset >= page.total)) this.end = 'complete'
    return this.end !== null
  }
}
