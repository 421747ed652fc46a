/**
 * How the open chats are asked for, and whether the answer can be trusted (docs/helpcrunch.md, "Search status
 * filter"). HelpCrunch's examples disagree on how `POST /chats/search` spells a status: names with `"on hold"`,
 * names with `"onhold"`, or numeric codes as strings. A 400 is not the only sign of a wrong form: a name the
 * server does not know is still a string, so a search may answer 200 with nothing. So a form is kept only while
 * ground truth agrees with it (`reconcile.ts` judges each pass): a 400, or a disagreement, moves to the next
 * form, and when no form is left the open chats are found by listing every chat with `GET /chats`.
 */
import type { ChatFilter, ChatPage, ChatQuery, HelpCrunchClient } from './client'
import { HelpCrunchError } from './errors'
import type { RequestPriority } from './token-bucket'

/** The spellings of a status filter, in the order they are tried. */
export const STATUS_FILTER_FORMS = ['names', 'compact-names', 'codes'] as const
/** One of `STATUS_FILTER_FORMS`. */
export type StatusFilterForm = (typeof STATUS_FILTER_FORMS)[number]
/** How the open chats are asked for: a search form, or listing every chat. */
export type OpenChatMode = StatusFilterForm | 'listing'

/** The open statuses in each form. The codes follow the chat model's status order (unverified, see the doc). */
const OPEN_STATUS_VALUES: Record<StatusFilterForm, string[]> = {
  names: ['new', 'opened', 'pending', 'on hold'],
  'compact-names': ['new', 'opened', 'pending', 'onhold'],
  codes: ['1', '2', '3', '4'],
}

/** How each mode is named on the source status, in diagnostics and logs. */
export const STATUS_FILTER_LABELS: Record<OpenChatMode, string> = {
  names: 'status names ("on hold")',
  'compact-names': 'status names ("onhold")',
  codes: 'numeric status codes ("1"–"4")',
  listing: 'every chat listed with GET /chats (no search form finds them)',
}

/** The `OR` filter matching every open chat, in `form`. */
export function openStatusFilter(form: StatusFilterForm): ChatFilter[] {
  return OPEN_STATUS_VALUES[form].map((value) => ({ field: 'chats.status', operator: '=', value }))
}

/** The open-chat search with its form fallback; one per connection (it remembers what worked and what did not). */
export class OpenStatusSearch {
  private mode: OpenChatMode
  private confirmed = false
  /** Forms ground truth disagreed with, and why (plain words). */
  private readonly disproven = new Map<StatusFilterForm, string>()
  /** Forms HelpCrunch refused with a 400 (it said so itself: no warning needed). */
  private readonly refused = new Set<StatusFilterForm>()
  /** Why the chats are listed instead of searched (set once the mode is `listing`). */
  listingReason = ''

  constructor(
    private readonly client: HelpCrunchClient,
    initial: StatusFilterForm = 'names',
  ) {
    this.mode = initial
  }

  /** The mode in use, and whether HelpCrunch has accepted it yet. */
  get current(): { form: OpenChatMode; confirmed: boolean } {
    return { form: this.mode, confirmed: this.confirmed }
  }

  /** Why each form was given up because ground truth disagreed with it (empty while the forms hold). */
  get rejected(): ReadonlyMap<StatusFilterForm, string> {
    return this.disproven
  }

  /**
   * One page of open chats (in listing mode: of all chats). A 400 tries each form not yet given up, once; when
   * every form is refused, the chats are listed instead (and the mode stays listing).
   */
  async page(query: ChatQuery, priority: RequestPriority = 'poll'): Promise<ChatPage> {
    if (this.mode === 'listing') return this.client.listChats(query, priority)
    const form = this.mode
    try {
      return this.accepted(form, await this.client.searchChats(openStatusFilter(form), query, 'OR', priority))
    } catch (error) {
      if (!isBadRequest(error)) throw error
      this.refused.add(form)
      for (const other of this.untried(form)) {
        try {
          return this.accepted(other, await this.client.searchChats(openStatusFilter(other), query, 'OR', priority))
        } catch (retryError) {
          if (!isBadRequest(retryError)) throw retryError
          this.refused.add(other)
        }
      }
      this.mode = 'listing'
      this.confirmed = false
      this.listingReason = 'HelpCrunch refused every status filter form with HTTP 400'
      return this.client.listChats(query, priority)
    }
  }

  /** Gives up searching (e.g. the search ignores `offset`): the open chats are found by listing every chat. */
  useListing(reason: string): void {
    if (this.mode !== 'listing') this.disproven.set(this.mode, reason)
    this.mode = 'listing'
    this.confirmed = false
    this.listingReason = reason
  }

  /** Ground truth disagreed with the form in use (`reason` in plain words): moves to the next form, or to listing. */
  disprove(reason: string): void {
    if (this.mode === 'listing') return
    this.disproven.set(this.mode, reason)
    const next = this.untried(this.mode)[0]
    this.mode = next ?? 'listing'
    if (!next) this.listingReason = 'no status filter form found every open chat'
    this.confirmed = false
  }

  /**
   * Tries the forms not given up with one page each (a pass found nothing at all): returns the first whose page
   * holds open chats and only open chats — the form in use found none of them.
   */
  async probe(query: ChatQuery, isOpenPage: (page: ChatPage) => boolean): Promise<StatusFilterForm | null> {
    if (this.mode === 'listing') return null
    for (const other of this.untried(this.mode)) {
      try {
        const page = await this.client.searchChats(openStatusFilter(other), query, 'OR', 'poll')
        if (page.chats.length > 0 && isOpenPage(page)) return other
      } catch (error) {
        if (!isBadRequest(error)) throw error
      }
    }
    return null
  }

  /** Switches to `form` (a probe found it better), giving up the one in use for `reason`. */
  switchTo(form: StatusFilterForm, reason: string): void {
    if (this.mode !== 'listing') this.disproven.set(this.mode, reason)
    this.mode = form
    this.confirmed = false
  }

  private untried(current: StatusFilterForm): StatusFilterForm[] {
    return STATUS_FILTER_FORMS.filter((f) => f !== current && !this.disproven.has(f) && !this.refused.has(f))
  }

  private accepted(form: StatusFilterForm, page: ChatPage): ChatPage {
    this.mode = form
    this.confirmed = true
    return page
  }
}

function isBadRequest(error: unknown): boolean {
  return error instanceof HelpCrunchError && error.status === 400
}
