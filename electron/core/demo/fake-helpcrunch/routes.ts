/**
 * The fake server's endpoints, as documented (docs/helpcrunch.md): synchronous request → answer,
 * so the same logic serves the in-process `fetch` and the node:http server. Auth and rate limiting are
 * applied by the caller (`server.ts`).
 */
import type { FakeDatabase, FakeFilter, FakeQuery } from './database'
import { readStatusFilterValue, STATUS_NAME_VARIANTS } from './quirks'
import { type FakeChat, normalizeFakeStatus, SETTABLE_STATUSES, serializeChat } from './records'

/** A request as the routes see it; `body` is undefined when absent and `INVALID_JSON` when unparsable. */
export interface FakeRequest {
  method: string
  path: string
  query: URLSearchParams
  body: unknown
}

/** An answer: HTTP status and a JSON body. */
export interface FakeAnswer {
  status: number
  body: unknown
}

/** Marker for a request body that is not JSON. */
export const INVALID_JSON = Symbol('invalid json')

/** The documented error body. */
export function errorBody(code: string, message: string): { errors: { code: string; message: string }[] } {
  return { errors: [{ code, message }] }
}

const MAX_LIMIT = 100

/** Routes one request. */
export function route(db: FakeDatabase, req: FakeRequest): FakeAnswer {
  const { method, path } = req
  if (req.body === INVALID_JSON) return bad('invalid_request', 'Invalid JSON body')
  const chatMatch = /^\/chats\/(\d+)$/.exec(path)
  if (method === 'GET' && path === '/chats') return listChats(db, req.query)
  if (method === 'POST' && path === '/chats/search') return searchChats(db, asObject(req.body))
  if (method === 'GET' && chatMatch) return oneChat(db, Number(chatMatch[1]))
  if (method === 'GET' && path === '/agents') return listAgents(db, req.query)
  if (method === 'GET' && path === '/organization') {
    const { domain } = db.organization
    const form = db.quirks.domain
    const shown = form === 'host' ? `${domain}.helpcrunch.com` : form === 'website' ? `${domain}.com` : domain
    return { status: 200, body: { data: { ...db.organization, domain: shown } } }
  }
  if (method === 'PUT' && path.startsWith('/chats/')) return updateChat(db, path.slice(7), asObject(req.body))
  return noRoute(method, path)
}

function listAgents(db: FakeDatabase, query: URLSearchParams): FakeAnswer {
  const paging = readPaging('agents.id', 'asc', query.get('offset'), query.get('limit'))
  if ('status' in paging) return paging
  const agents = [...db.agents.values()]
  const data = agents.slice(paging.offset, paging.offset + paging.limit)
  return { status: 200, body: { data, meta: { total: agents.length } } }
}

function listChats(db: FakeDatabase, query: URLSearchParams): FakeAnswer {
  const paging = readPaging(query.get('sort'), query.get('order'), query.get('offset'), query.get('limit'))
  if ('status' in paging) return paging
  const { page, total } = db.list(paging)
  return { status: 200, body: { data: page.map((c) => serializeChat(c, db.agents, db.quirks)), meta: { total } } }
}

function searchChats(db: FakeDatabase, body: Record<string, unknown>): FakeAnswer {
  const filters = body.filter ?? []
  if (!Array.isArray(filters)) return bad('filter', 'This value should be of type array.')
  const checked: FakeFilter[] = []
  for (const [i, f] of filters.entries()) {
    if (typeof f !== 'object' || f === null || typeof (f as FakeFilter).field !== 'string')
      return bad(`filter[${i}].field`, 'This value should not be blank.')
    const filter = f as FakeFilter
    if (filter.field.replace(/^chats\./, '') !== 'status') {
      checked.push(filter)
      continue
    }
    const status = readStatusFilterValue(filter.value, db.quirks)
    if (status === 'refused') return bad(`filter[${i}].value`, 'This value is not valid.')
    // A value of the right type that names no status matches no chat.
    checked.push({ ...filter, value: status === 'no-rows' ? NO_STATUS : status })
  }
  const paging = readPaging(body.sort, body.order, body.offset, body.limit)
  if ('status' in paging) return paging
  const { page, total } = db.search(checked, String(body.comparison ?? 'AND'), paging)
  // Search answers with a top-level `total` (what third-party clients read), unlike GET /chats.
  return { status: 200, body: { data: page.map((c) => serializeChat(c, db.agents, db.quirks)), total } }
}

function oneChat(db: FakeDatabase, id: number): FakeAnswer {
  const chat = db.chats.get(id)
  return chat ? { status: 200, body: serializeChat(chat, db.agents, db.quirks) } : chatNotFound()
}

function updateChat(db: FakeDatabase, action: string, body: Record<string, unknown>): FakeAnswer {
  const reading = action === 'readByAgent' || action === 'read'
  if (reading && action !== db.quirks.readRoute) return noRoute('PUT', `/chats/${action}`)
  const id = Number(body.id)
  if (!Number.isInteger(id) || id <= 0) return bad('invalid_chat_value', 'id value is invalid')
  const chat = db.chats.get(id)
  // The mark-read page documents its own 404 code, typo included.
  if (!chat) return reading ? readChatNotFound(body.id) : chatNotFound()
  const apply = (patch: Partial<FakeChat>): FakeAnswer => ({
    status: 200,
    body: serializeChat(db.update(id, patch), db.agents, db.quirks),
  })
  switch (action) {
    case 'snooze': {
      const until = body.snoozedUntil
      if (until === null) return apply({ snoozedUntil: null })
      if (db.quirks.snoozeAsString && typeof until !== 'string')
        return bad('snoozedUntil', 'This value should be of type string.')
      const seconds = Number(until)
      if (!Number.isFinite(seconds) || seconds <= 0) return bad('invalid_chat_value', 'snoozedUntil value is invalid')
      return apply({ snoozedUntil: Math.floor(seconds) })
    }
    case 'assignee': {
      if (body.assignee === null) return apply({ assignee: null })
      const agent = Number(body.assignee)
      if (!db.agents.has(agent)) return bad('invalid_chat_value', 'assignee value is invalid')
      return apply({ assignee: agent })
    }
    case 'status': {
      const names = STATUS_NAME_VARIANTS[db.quirks.statusNames]
      const asked = String(body.status ?? '')
      const status = db.quirks.statusNames === 'any' ? SETTABLE_STATUSES[normalizeFakeStatus(asked)] : names[asked]
      if (!status) return bad('invalid_chat_value', 'status value is invalid')
      const closing = status === 'closed' && chat.status !== 'closed'
      return apply(
        closing
          ? { status, closedAt: db.nowSeconds(), closedBy: 'agent' }
          : { status, closedAt: status === 'closed' ? chat.closedAt : null },
      )
    }
    case 'readByAgent':
    case 'read':
      return apply({ readByAgent: body.read !== false })
    default:
      return noRoute('PUT', `/chats/${action}`)
  }
}

function readPaging(sort: unknown, order: unknown, offset: unknown, limit: unknown): FakeQuery | FakeAnswer {
  const parsedLimit = limit === null || limit === undefined ? MAX_LIMIT : Number(limit)
  const parsedOffset = offset === null || offset === undefined ? 0 : Number(offset)
  if (!Number.isInteger(parsedLimit) || parsedLimit < 1 || parsedLimit > MAX_LIMIT)
    return bad('limit', `This value should be between 1 and ${MAX_LIMIT}.`)
  if (!Number.isInteger(parsedOffset) || parsedOffset < 0) return bad('offset', 'This value should be positive.')
  return {
    sort: typeof sort === 'string' ? sort : 'chats.createdAt',
    order: typeof order === 'string' ? order : 'desc',
    offset: parsedOffset,
    limit: parsedLimit,
  }
}

function asObject(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
}

function bad(code: string, message: string): FakeAnswer {
  return {
    status: 400,
    body: {
      errors: [
        { code: 'invalid_request', message: 'Invalid request' },
        { code, message },
      ],
    },
  }
}

function chatNotFound(): FakeAnswer {
  return { status: 404, body: errorBody('chat_not_found', 'Chat not found') }
}

/** `PUT /chats/readByAgent` for a chat that does not exist, as its page documents it (`not_fount`). */
function readChatNotFound(id: unknown): FakeAnswer {
  return { status: 404, body: errorBody('not_fount', `Chat for ID "${String(id)}" was not found`) }
}

/** A route the API does not have (undocumented: the framework's generic 404, naming the route). */
function noRoute(method: string, path: string): FakeAnswer {
  return { status: 404, body: errorBody('not_found', `No route found for "${method} ${path}"`) }
}

/** A status no chat has: a filter value of the right type that names no status. */
const NO_STATUS = '\u0000no status'
