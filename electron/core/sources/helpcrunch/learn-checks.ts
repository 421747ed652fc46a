/**
 * What a first real connection teaches about this HelpCrunch account (docs/helpcrunch.md, "Check my setup"),
 * with a handful of requests, none of which changes anything: what `domain` holds, whether chat objects carry
 * `updatedAt` and what type `snoozedUntil` takes, which status filter form finds the open chats (judged against
 * the open chats `GET /chats` shows), and which mark-read route exists (asked about a chat id that cannot exist).
 */
import { type Chat, isOpen } from '../../../../shared/chat'
import type { CheckResult } from '../../../../shared/protocol'
import type { Settings } from '../../../../shared/settings'
import type { ChatPage, HelpCrunchClient } from './client'
import { HelpCrunchError, isChatNotFound } from './errors'
import { openStatusFilter, STATUS_FILTER_FORMS, STATUS_FILTER_LABELS, type StatusFilterForm } from './status-filter'
import { subdomainFromOrganization } from './web-url'

/** The raw JSON answers of the check's requests, by path (the client turns chats into `Chat`s; this keeps the wire). */
export type RawAnswers = Map<string, unknown>

/** A chat id no organisation has: the mark-read probe changes nothing. */
const NO_SUCH_CHAT = '2147483647'

/** `helpcrunch.domain`: what `GET /organization` said in `domain`, and whether links can use it. */
export function domainCheck(settings: Settings['helpcrunch'], raw: string | null): CheckResult {
  const said = JSON.stringify(raw)
  if (settings.domain)
    return {
      id: 'helpcrunch.domain',
      status: 'pass',
      message: `links use the configured subdomain "${settings.domain}" (HelpCrunch's organisation domain is ${said})`,
    }
  const subdomain = subdomainFromOrganization(raw)
  if (subdomain)
    return {
      id: 'helpcrunch.domain',
      status: 'pass',
      message: `HelpCrunch's organisation domain is ${said}: links go to https://${subdomain}.helpcrunch.com`,
    }
  return {
    id: 'helpcrunch.domain',
    status: 'warn',
    message: `HelpCrunch's organisation domain is ${said}, not a helpcrunch.com address, so "Open in HelpCrunch" is off`,
    fix: 'set your HelpCrunch subdomain, the part before .helpcrunch.com in the agent app address (setting helpcrunch.domain; headless: --helpcrunch-domain)',
  }
}

/** `helpcrunch.chat-model`: the newest chats as `GET /chats` sends them. Also returns them, as ground truth. */
export async function chatModelCheck(
  client: HelpCrunchClient,
  raw: RawAnswers,
): Promise<{ result: CheckResult; page: ChatPage | null }> {
  let page: ChatPage
  try {
    page = await client.listChats({ sort: 'chats.lastMessageAt', order: 'desc', offset: 0, limit: 100 }, 'action')
  } catch (error) {
    return {
      result: {
        id: 'helpcrunch.chat-model',
        status: 'fail',
        message: `GET /chats failed: ${(error as Error).message}`,
      },
      page: null,
    }
  }
  const items = itemsOf(raw.get('/chats'))
  const withUpdatedAt = items.filter((item) => 'updatedAt' in item).length
  const snooze = [...new Set(items.flatMap((item) => (item.snoozedUntil == null ? [] : [typeName(item.snoozedUntil)])))]
  const statuses = [...new Set(items.map((item) => (typeof item.status === 'number' ? 'numeric codes' : 'names')))]
  const open = page.chats.filter(isOpen).length
  const parts = [
    `the newest ${page.itemCount} chats (${open} open)`,
    withUpdatedAt === 0
      ? 'carry no "updatedAt" (as documented)'
      : `carry "updatedAt" in ${withUpdatedAt} of ${items.length} (undocumented; the app does not rely on it)`,
    `snoozedUntil arrives as ${snooze.length > 0 ? snooze.join(' and ') : 'nothing yet (no chat is snoozed)'}`,
    `statuses arrive as ${statuses.join(' and ') || 'nothing yet'}`,
  ]
  const unread = page.invalid.length
  const result: CheckResult =
    unread === 0
      ? { id: 'helpcrunch.chat-model', status: 'pass', message: parts.join('; ') }
      : {
          id: 'helpcrunch.chat-model',
          status: 'warn',
          message: `${parts.join('; ')}; ${unread} could not be read (${page.invalid[0]?.reason})`,
          fix: 'these chats are not shown: send this line (and --record output) to the app’s maintainers',
        }
  return { result, page }
}

/**
 * `helpcrunch.search`: each status filter form, one page each, judged against the open chats `GET /chats`
 * showed: the first form that is accepted, returns only open chats and finds every one of them is the one
 * the app will use; when none does, the app lists every chat instead (a warning: costlier, later).
 */
export async function searchCheck(client: HelpCrunchClient, truth: ChatPage | null): Promise<CheckResult> {
  const open = new Map((truth?.chats ?? []).filter(isOpen).map((chat) => [chat.key, chat]))
  const outcomes: string[] = []
  let chosen: StatusFilterForm | null = null
  for (const form of STATUS_FILTER_FORMS) {
    const query = { sort: 'chats.createdAt', order: 'asc', offset: 0, limit: 100 } as const
    let page: ChatPage
    try {
      page = await client.searchChats(openStatusFilter(form), query, 'OR', 'action')
    } catch (error) {
      if (!(error instanceof HelpCrunchError && error.status === 400)) {
        return {
          id: 'helpcrunch.search',
          status: 'fail',
          message: `the open-chat search failed: ${(error as Error).message}`,
        }
      }
      outcomes.push(`${STATUS_FILTER_LABELS[form]}: refused (HTTP 400)`)
      continue
    }
    const verdict = judge(page, open)
    outcomes.push(`${STATUS_FILTER_LABELS[form]}: ${verdict.words}`)
    if (verdict.ok) {
      chosen = form
      break
    }
  }
  const tried = outcomes.join('; ')
  if (chosen)
    return {
      id: 'helpcrunch.search',
      status: 'pass',
      message: `the open-chat search works with ${STATUS_FILTER_LABELS[chosen]} (${tried})`,
    }
  return {
    id: 'helpcrunch.search',
    status: 'warn',
    message: `no status filter form finds the open chats (${tried}): the app reads every chat with GET /chats instead`,
    fix: 'nothing is lost, but a pass over all chats costs more requests and changes without a message show later; raise it with HelpCrunch support and quote this line',
  }
}

/** Whether a form's first page agrees with ground truth, in words. */
function judge(page: ChatPage, open: ReadonlyMap<string, Chat>): { ok: boolean; words: string } {
  const closed = page.chats.filter((chat) => !isOpen(chat)).length
  if (closed > 0)
    return {
      ok: false,
      words: `${closed} of its ${page.itemCount} chats are not open (the filter is ignored or misread)`,
    }
  const found = new Set(page.chats.map((chat) => chat.key))
  const total = page.total ?? page.itemCount
  // With every match on this page, each open chat GET /chats shows must be among them; else the count must fit.
  const complete = total <= page.itemCount
  const missing = complete ? [...open.keys()].filter((key) => !found.has(key)).length : Math.max(0, open.size - total)
  if (missing > 0)
    return { ok: false, words: `${total} chats, missing ${missing} of the ${open.size} open chats GET /chats shows` }
  if (open.size > 0)
    return { ok: true, words: `${total} open chats, all ${open.size} open chats GET /chats shows among them` }
  if (total > 0) return { ok: true, words: `${total} open chats (GET /chats shows no open chat to compare)` }
  return { ok: true, words: 'no chats (GET /chats shows no open chat either; the app checks again while it runs)' }
}

/** `helpcrunch.mark-read`: which documented route exists, asked about a chat id that cannot exist. */
export async function markReadCheck(client: HelpCrunchClient): Promise<CheckResult> {
  try {
    await client.markRead(NO_SUCH_CHAT)
    return { id: 'helpcrunch.mark-read', status: 'pass', message: `PUT ${client.markReadRoute} exists` }
  } catch (error) {
    const e = error instanceof HelpCrunchError ? error : null
    const route = client.markReadRoute
    if (e && (isChatNotFound(e) || e.status === 400))
      return {
        id: 'helpcrunch.mark-read',
        status: 'pass',
        message: `PUT ${route} exists (it answered HTTP ${e.status}${e.code ? ` ${e.code}` : ''} for a chat id that does not exist)`,
      }
    return {
      id: 'helpcrunch.mark-read',
      status: 'warn',
      message: `neither PUT /chats/readByAgent nor PUT /chats/read answered as documented: ${(error as Error).message}`,
      fix: '"mark read" will fail; raise it with HelpCrunch support and quote this line',
    }
  }
}

function itemsOf(body: unknown): Record<string, unknown>[] {
  const data = (body as { data?: unknown } | null)?.data
  return Array.isArray(data)
    ? data.filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null)
    : []
}

function typeName(value: unknown): string {
  if (typeof value === 'number') return 'a number'
  if (typeof value === 'string')
    return /\.\d+$/.test(value) ? 'a string with a fraction ("1603864800.000")' : 'a string ("1603885746")'
  return typeof value
}
