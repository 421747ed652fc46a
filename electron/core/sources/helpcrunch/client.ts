/**
 * Typed calls to the HelpCrunch REST API v1 (docs/helpcrunch.md). Every call goes through the shared
 * token bucket, carries `Authorization: Bearer <key>`, has a timeout, and validates the answer with zod.
 * `fetch` is injected: Electron's `net.fetch` in the app (proxies), the fake server's in tests.
 * Over 200 lines on purpose: one method per endpoint, each a few lines, over one shared request path
 * (bucket, timeout, bounded body, error mapping); responses and errors are in their own files.
 */
import type { Chat } from '../../../../shared/chat'
import { toUnixSeconds } from '../../../../shared/time'
import { redact } from '../../engine/log'
import { BodyTooLargeError, readBoundedText } from './bounded-body'
import { type Clock, systemClock } from './clock'
import {
  HelpCrunchError,
  type HelpCrunchFailureKind,
  isChatNotFound,
  MAX_WAIT_MS,
  parseRetryAfter,
  readErrorBody,
} from './errors'
import { agentSchema, type HelpCrunchAgent, listResponseSchema, organizationResponseSchema } from './responses'
import { SETTABLE_STATUS_WORDS, statusSpellings } from './status-spellings'
import type { RequestPriority, TokenBucket } from './token-bucket'
import { helpCrunchToChat } from './transform'

/** Paging and order of a list or search (`limit` ≤ 100). */
export interface ChatQuery {
  sort: 'chats.createdAt' | 'chats.lastCustomerMessageAt' | 'chats.lastMessageAt' | 'chats.closedAt' | 'chats.updatedAt'
  order: 'asc' | 'desc'
  offset: number
  limit: number
}

/** One search filter (docs/helpcrunch.md, "Search status filter"). */
export interface ChatFilter {
  field: string
  operator: '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~'
  value: string | number | null
}

/** A record the transform could not map, with why (kept aside by the caller, never dropped in silence). */
export interface InvalidRecord {
  reason: string
  item: unknown
}

/**
 * A page of chats: valid chats, how many items the page really had (and the ids of all of them, valid or not),
 * the total, the records that could not be mapped, and when its request was sent (`sentAt`, local clock).
 */
export interface ChatPage {
  chats: Chat[]
  itemCount: number
  ids: string[]
  total: number | null
  invalid: InvalidRecord[]
  sentAt: number
}

/** One chat as a REST answer describes it, and when its request was sent (local clock; `ordering.ts`). */
export interface ChatSnapshot {
  chat: Chat
  sentAt: number
}

/** Options of the client. */
export interface HelpCrunchClientOptions {
  baseUrl: string
  apiKey: string
  fetch: typeof fetch
  bucket: TokenBucket
  clock?: Clock
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number
  /** How long a quick action may wait for budget before failing `rate_limited` (default 15 s). */
  actionMaxWaitMs?: number
  /** Builds the web link of a chat id (null while the domain is unknown). */
  webUrl?: (chatId: string) => string | null
  /** Called on every 429 (after the bucket is paused), so the caller can lower its rate. */
  onRateLimited?: () => void
  /** The organisation's budget shared with other hubs, taken after this process's bucket (docs/scaling.md). */
  shared?: { take(): Promise<void> }
  /** Largest answer read, in bytes (default `MAX_RESPONSE_BYTES`). */
  maxResponseBytes?: number
}

/** The API's largest page (docs/helpcrunch.md); a page holding more items is cut to the requested limit. */
export const MAX_PAGE_LENGTH = 100
/** Most `GET /agents` pages read for one list (10,000 agents): an answer that never ends cannot loop forever. */
const MAX_AGENT_PAGES = 100
/** Default answer size limit: a full page of 100 chats is far below this, even with long message texts. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024

const DEFAULT_429_PAUSE_MS = 5_000

/** The HelpCrunch API client. */
export class HelpCrunchClient {
  private readonly clock: Clock
  private readonly base: string
  /** Learnt from HelpCrunch's answers (which documented variant this account speaks). */
  private snoozeAsString = false
  private readPath: '/chats/readByAgent' | '/chats/read' = '/chats/readByAgent'
  /** The spelling `PUT /chats/status` accepted, per status (first documented spelling until one is refused). */
  private readonly statusSpelling = new Map<string, string>()

  constructor(private readonly options: HelpCrunchClientOptions) {
    this.clock = options.clock ?? systemClock
    this.base = options.baseUrl.replace(/\/+$/, '')
  }

  /** `GET /chats?sort&order&offset&limit`. */
  async listChats(query: ChatQuery, priority: RequestPriority = 'poll'): Promise<ChatPage> {
    const params = new URLSearchParams({
      sort: query.sort,
      order: query.order,
      offset: String(query.offset),
      limit: String(query.limit),
    })
    return this.toPage(await this.request('GET', `/chats?${params}`, undefined, priority), query.limit)
  }

  /** `POST /chats/search` with filters (`comparison` AND/OR). */
  async searchChats(
    filter: ChatFilter[],
    query: ChatQuery,
    comparison: 'AND' | 'OR' = 'AND',
    priority: RequestPriority = 'poll',
  ): Promise<ChatPage> {
    const body = { comparison, filter, ...query }
    return this.toPage(await this.request('POST', '/chats/search', body, priority), query.limit)
  }

  /** `GET /chats/{id}` (answered unwrapped). A 404 throws kind `not-found`. */
  async getChat(chatId: string, priority: RequestPriority = 'poll'): Promise<ChatSnapshot> {
    return this.toChat(await this.request('GET', `/chats/${encodeURIComponent(chatId)}`, undefined, priority))
  }

  /**
   * `GET /agents`, every page: 100 a page at most, paged by `offset` until a page is short or empty, `total`
   * is reached, or a page repeats the previous one (a server that ignores `offset`).
   */
  async agents(priority: RequestPriority = 'action'): Promise<HelpCrunchAgent[]> {
    const agents = new Map<string, HelpCrunchAgent>()
    for (let page = 0; page < MAX_AGENT_PAGES; page++) {
      const offset = agents.size
      const { body } = await this.request(
        'GET',
        `/agents?offset=${offset}&limit=${MAX_PAGE_LENGTH}`,
        undefined,
        priority,
      )
      const { items, total } = this.parse(listResponseSchema, body)
      let added = 0
      for (const item of items.slice(0, MAX_PAGE_LENGTH)) {
        const agent = agentSchema.safeParse(item)
        if (agent.success && !agents.has(agent.data.id)) {
          agents.set(agent.data.id, agent.data)
          added++
        }
      }
      const short = items.length < MAX_PAGE_LENGTH
      if (short || added === 0 || (total !== null && agents.size >= total)) break
    }
    return [...agents.values()]
  }

  /** `GET /organization` → what `domain` holds (undocumented; `web-url.ts` decides whether to trust it). */
  async organization(priority: RequestPriority = 'poll'): Promise<{ domain: string | null }> {
    const { body } = await this.request('GET', '/organization', undefined, priority)
    return this.parse(organizationResponseSchema, body)
  }

  /**
   * `PUT /chats/snooze`: `untilMs` epoch ms, or null to unsnooze. Seconds go as a number; a 400 retries once with
   * them as a string ("String (UNIX timestamp)"), which is then kept (docs/helpcrunch.md, "Quick actions").
   */
  async snooze(chatId: string, untilMs: number | null): Promise<ChatSnapshot> {
    const seconds = untilMs === null ? null : toUnixSeconds(untilMs)
    const send = (asString: boolean) => {
      const snoozedUntil = seconds === null || !asString ? seconds : String(seconds)
      return this.request('PUT', '/chats/snooze', { id: numericId(chatId), snoozedUntil }, 'action')
    }
    if (this.snoozeAsString || seconds === null) return this.toChat(await send(this.snoozeAsString))
    try {
      return this.toChat(await send(false))
    } catch (error) {
      // Any 400: the newest docs' generic 400 need not name the field, so the string form is tried once either way.
      if (!(error instanceof HelpCrunchError && error.status === 400)) throw error
      let answer: { body: unknown; sentAt: number }
      try {
        answer = await send(true)
      } catch (second) {
        // When the string is refused too, the number was not the problem: the first answer says what was.
        throw mentions(error, 'snoozedUntil') ? second : error
      }
      this.snoozeAsString = true
      return this.toChat(answer)
    }
  }

  /** `PUT /chats/assignee` (null unassigns). */
  async assign(chatId: string, agentId: string | null): Promise<ChatSnapshot> {
    const assignee = agentId === null ? null : numericId(agentId)
    return this.toChat(await this.request('PUT', '/chats/assignee', { id: numericId(chatId), assignee }, 'action'))
  }

  /**
   * `PUT /chats/status` with a HelpCrunch status or a unified state (`status-spellings.ts`). A 400 tries the next
   * documented spelling of that status, once each; the spelling that worked is kept for this connection.
   */
  async setStatus(chatId: string, requested: string): Promise<ChatSnapshot> {
    const spellings = statusSpellings(requested)
    if (!spellings)
      throw new HelpCrunchError(
        'bad-request',
        `"${requested.slice(0, 40)}" is not a status (use ${SETTABLE_STATUS_WORDS})`,
      )
    const key = spellings[0] as string
    const known = this.statusSpelling.get(key)
    const order = known ? [known, ...spellings.filter((s) => s !== known)] : spellings
    let first: unknown
    for (const status of order) {
      try {
        const answer = await this.request('PUT', '/chats/status', { id: numericId(chatId), status }, 'action')
        this.statusSpelling.set(key, status)
        return this.toChat(answer)
      } catch (error) {
        if (!(error instanceof HelpCrunchError && error.status === 400)) throw error
        first ??= error
      }
    }
    throw first
  }

  /**
   * `PUT /chats/readByAgent`; when that route is missing (a 404 that is not one of the documented chat-not-found
   * codes, `not_fount` included), `PUT /chats/read`, which is then kept (also when it says the chat is missing).
   * When both fail otherwise, the first failure is thrown.
   */
  async markRead(chatId: string): Promise<ChatSnapshot> {
    const body = { id: numericId(chatId), read: true }
    try {
      return this.toChat(await this.request('PUT', this.readPath, body, 'action'))
    } catch (error) {
      const routeMissing = error instanceof HelpCrunchError && error.status === 404 && !isChatNotFound(error)
      if (!routeMissing || this.readPath === '/chats/read') throw error
      let answer: { body: unknown; sentAt: number }
      try {
        answer = await this.request('PUT', '/chats/read', body, 'action')
      } catch (second) {
        // The other route exists (it knows the chat is missing): keep it, and say the chat is gone.
        if (second instanceof HelpCrunchError && isChatNotFound(second)) {
          this.readPath = '/chats/read'
          throw second
        }
        throw error
      }
      this.readPath = '/chats/read'
      return this.toChat(answer)
    }
  }

  /** The mark-read route in use (learnt from HelpCrunch's answers), for diagnostics. */
  get markReadRoute(): string {
    return this.readPath
  }

  private toPage({ body, sentAt }: { body: unknown; sentAt: number }, limit: number): ChatPage {
    const { items: all, total } = this.parse(listResponseSchema, body)
    const cap = Math.min(limit, MAX_PAGE_LENGTH)
    const items = all.length > cap ? all.slice(0, cap) : all
    const chats: Chat[] = []
    const invalid: InvalidRecord[] =
      all.length > cap
        ? [{ reason: `the page held ${all.length} items for limit ${limit}; kept ${cap}`, item: null }]
        : []
    const ids: string[] = []
    for (const item of items) {
      const id = (item as { id?: unknown } | null)?.id
      if (typeof id === 'number' || typeof id === 'string') ids.push(String(id))
      const result = helpCrunchToChat(item, { webUrl: this.options.webUrl })
      if (result.ok) chats.push(result.chat)
      else invalid.push({ reason: result.error, item })
    }
    return { chats, itemCount: items.length, ids, total, invalid, sentAt }
  }

  private toChat({ body, sentAt }: { body: unknown; sentAt: number }): ChatSnapshot {
    const result = helpCrunchToChat(body, { webUrl: this.options.webUrl })
    if (!result.ok) throw new HelpCrunchError('bad-response', result.error)
    return { chat: result.chat, sentAt }
  }

  private parse<T>(
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
    body: unknown,
  ): T {
    const parsed = schema.safeParse(body)
    if (!parsed.success) throw new HelpCrunchError('bad-response', 'the answer does not have the documented shape')
    return parsed.data
  }

  private async request(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    priority: RequestPriority = 'poll',
  ): Promise<{ body: unknown; sentAt: number }> {
    const { bucket, apiKey, timeoutMs = 10_000, actionMaxWaitMs = 15_000 } = this.options
    await bucket.take(priority, priority === 'action' ? actionMaxWaitMs : undefined)
    await this.options.shared?.take()
    const sentAt = this.clock.now()
    const aborter = new AbortController()
    const timer = this.clock.setTimeout(() => aborter.abort(), timeoutMs)
    let status: number
    let text: string
    let retryAfter: string | null
    try {
      const response = await this.options.fetch(`${this.base}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${apiKey}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: aborter.signal,
      })
      status = response.status
      retryAfter = response.headers.get('retry-after')
      text = await readBoundedText(response, this.options.maxResponseBytes ?? MAX_RESPONSE_BYTES)
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        throw new HelpCrunchError('bad-response', `${method} ${pathOnly(path)}: ${error.message}`)
      if (aborter.signal.aborted)
        throw new HelpCrunchError('timeout', `${method} ${pathOnly(path)} timed out after ${timeoutMs} ms`)
      const reason = redact(String((error as Error)?.message ?? error), [apiKey])
      throw new HelpCrunchError('network', `${method} ${pathOnly(path)}: ${reason}`)
    } finally {
      this.clock.clearTimeout(timer)
    }
    const json = parseJson(text)
    if (status >= 200 && status < 300) {
      if (json === undefined) throw new HelpCrunchError('bad-response', `${method} ${pathOnly(path)}: malformed JSON`)
      return { body: json, sentAt }
    }
    const { codes, message } = readErrorBody(json, [apiKey])
    // Capped like every other wait: one `Retry-After: 99999999` must not stop polling (or quick actions) for years.
    const asked = parseRetryAfter(retryAfter, this.clock.now())
    const retryAfterMs = asked === null ? null : Math.min(asked, MAX_WAIT_MS)
    const kind = failureKind(status)
    if (kind === 'rate-limited') {
      bucket.pause(retryAfterMs ?? DEFAULT_429_PAUSE_MS)
      this.options.onRateLimited?.()
    }
    throw new HelpCrunchError(kind, `${method} ${pathOnly(path)}: HTTP ${status}${message ? ` (${message})` : ''}`, {
      status,
      codes,
      retryAfterMs,
    })
  }
}

function failureKind(status: number): HelpCrunchFailureKind {
  if (status === 401 || status === 403) return 'auth'
  if (status === 404) return 'not-found'
  if (status === 429) return 'rate-limited'
  if (status >= 500) return 'server'
  return 'bad-request'
}

function parseJson(text: string): unknown {
  try {
    return text.trim() === '' ? undefined : JSON.parse(text)
  } catch {
    return undefined
  }
}

/** True when a 400 names `field` in its codes or message (newer APIs use field paths as codes). */
function mentions(error: HelpCrunchError, field: string): boolean {
  const lower = field.toLowerCase()
  return error.codes.some((c) => c.toLowerCase().includes(lower)) || error.message.toLowerCase().includes(lower)
}

function pathOnly(path: string): string {
  return path.split('?')[0] ?? path
}

/** HelpCrunch ids are integers; send them as numbers when they look like one. */
function numericId(id: string): number | string {
  return /^\d+$/.test(id) ? Number(id) : id
}
