/**
 * How `POST /chats/search` spells the open statuses. HelpCrunch's examples disagree (docs/helpcrunch.md,
 * "Search status filter"): names with `"on hold"`, names with `"onhold"`, or numeric codes as strings.
 * The search starts with the first form; a 400 makes it try each other form once, and the form that
 * worked is remembered for every later search of this connection.
 */
import type { ChatFilter, ChatPage, ChatQuery, HelpCrunchClient } from './client'
import { HelpCrunchError } from './errors'
import type { RequestPriority } from './token-bucket'

/** The spellings of a status filter, in the order they are tried. */
export const STATUS_FILTER_FORMS = ['names', 'compact-names', 'codes'] as const
/** One of `STATUS_FILTER_FORMS`. */
export type StatusFilterForm = (typeof STATUS_FILTER_FORMS)[number]

/** The open statuses in each form. The codes follow the chat model's status order (unverified, see the doc). */
const OPEN_STATUS_VALUES: Record<StatusFilterForm, string[]> = {
  names: ['new', 'opened', 'pending', 'on hold'],
  'compact-names': ['new', 'opened', 'pending', 'onhold'],
  codes: ['1', '2', '3', '4'],
}

/** How each form is named in diagnostics and logs. */
export const STATUS_FILTER_LABELS: Record<StatusFilterForm, string> = {
  names: 'status names ("on hold")',
  'compact-names': 'status names ("onhold")',
  codes: 'numeric status codes ("1"–"4")',
}

/** The `OR` filter matching every open chat, in `form`. */
export function openStatusFilter(form: StatusFilterForm): ChatFilter[] {
  return OPEN_STATUS_VALUES[form].map((value) => ({ field: 'chats.status', operator: '=', value }))
}

/** The open-chat search with its status-form fallback; one per connection (it remembers what worked). */
export class OpenStatusSearch {
  private form: StatusFilterForm
  private confirmed = false

  constructor(
    private readonly client: HelpCrunchClient,
    initial: StatusFilterForm = 'names',
  ) {
    this.form = initial
  }

  /** The form in use, and whether HelpCrunch has accepted it yet. */
  get current(): { form: StatusFilterForm; confirmed: boolean } {
    return { form: this.form, confirmed: this.confirmed }
  }

  /** One page of open chats. Throws the first form's error when no form is accepted. */
  async page(query: ChatQuery, priority: RequestPriority = 'poll'): Promise<ChatPage> {
    try {
      return this.accepted(this.form, await this.client.searchChats(openStatusFilter(this.form), query, 'OR', priority))
    } catch (error) {
      if (!isBadRequest(error)) throw error
      for (const other of STATUS_FILTER_FORMS.filter((f) => f !== this.form)) {
        try {
          return this.accepted(other, await this.client.searchChats(openStatusFilter(other), query, 'OR', priority))
        } catch (retryError) {
          if (!isBadRequest(retryError)) throw retryError
        }
      }
      throw error
    }
  }

  private accepted(form: StatusFilterForm, page: ChatPage): ChatPage {
    this.form = form
    this.confirmed = true
    return page
  }
}

function isBadRequest(error: unknown): boolean {
  return error instanceof HelpCrunchError && error.status === 400
}
