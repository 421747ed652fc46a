/**
 * The reconcile of open chats: pages through every open chat at HelpCrunch (status new, opened, pending,
 * on hold) with `POST /chats/search` (`status-filter.ts` spells the statuses), oldest first so new chats
 * append at the end, and — once the sweep is complete — names the chats the tray still holds as open that
 * the sweep never saw: they left the open set (closed, reassigned away, deleted) without a new message,
 * and are confirmed one by one.
 */
import type { ChatPage, ChatQuery } from './client'

/** Progress of one pass over the open set; survives failed pages (it resumes where it stopped). */
export class OpenSetSweep {
  private offset = 0
  readonly startedAt: number

  constructor(
    startedAt: number,
    private readonly pageSize: number,
  ) {
    this.startedAt = startedAt
  }

  /** The query of the next page. */
  nextQuery(): ChatQuery {
    return { sort: 'chats.createdAt', order: 'asc', offset: this.offset, limit: this.pageSize }
  }

  /** Records a fetched page; returns true when that was the last one. */
  advance(page: ChatPage): boolean {
    this.offset += page.itemCount
    const short = page.itemCount < this.pageSize
    return short || (page.total !== null && this.offset >= page.total)
  }
}
