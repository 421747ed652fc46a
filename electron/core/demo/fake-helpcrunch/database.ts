/**
 * The fake organisation's data: chats, agents, organisation, plus the mutation API tests and the demo
 * use to simulate customers and colleagues (new chats, messages, status and assignee changes).
 */
import { defaultQuirks, type FakeQuirks } from './quirks'
import { type FakeAgent, type FakeChat, normalizeFakeStatus } from './records'

/** Fields a list or search can sort by (docs/helpcrunch.md), with and without the `chats.` prefix. */
const SORTABLE = ['createdAt', 'lastCustomerMessageAt', 'lastMessageAt', 'closedAt', 'updatedAt'] as const
type SortField = (typeof SORTABLE)[number]

/** One search filter as the API takes it. */
export interface FakeFilter {
  field: string
  operator: string
  value: unknown
}

/** Paging and ordering of a list or search. */
export interface FakeQuery {
  sort: string
  order: string
  offset: number
  limit: number
}

/** The fake organisation. `nowMs` is the clock every timestamp comes from. */
export class FakeDatabase {
  readonly chats = new Map<number, FakeChat>()
  readonly agents = new Map<number, FakeAgent>()
  /** The organisation; `domain` is its subdomain, answered in the form `quirks.domain` picks. */
  readonly organization = { id: 77, domain: 'acme', teamOnline: true, chatEnabled: true }
  /** Which of HelpCrunch's documented variants this fake plays. */
  readonly quirks: FakeQuirks = defaultQuirks()
  private nextId = 1001

  constructor(readonly nowMs: () => number) {
    for (const agent of [
      { id: 4188, name: 'Ana Agent', email: 'ana@acme.test', role: 'agent' },
      { id: 4200, name: 'Bo Boss', email: 'bo@acme.test', role: 'admin' },
    ])
      this.agents.set(agent.id, agent)
  }

  /** Current time in UNIX seconds. */
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000)
  }

  /** Adds a chat (a customer wrote in); fields default to a fresh waiting chat. */
  addChat(init: Partial<FakeChat> = {}): FakeChat {
    const now = this.nowSeconds()
    const id = init.id ?? this.nextId++
    if (id >= this.nextId) this.nextId = id + 1
    const chat: FakeChat = {
      status: 'new',
      createdAt: now,
      updatedAt: now,
      lastMessageAt: now,
      lastCustomerMessageAt: now,
      closedAt: null,
      closedBy: null,
      snoozedUntil: null,
      readByAgent: false,
      lastMessageText: 'Hello, I need help',
      assignee: null,
      customer: { id: 9_000_000 + id, name: `Customer ${id}`, email: `c${id}@example.com`, userId: null },
      department: { id: 233046, name: 'Support' },
      ...init,
      id,
    }
    this.chats.set(id, chat)
    return chat
  }

  /** A new customer message in an existing chat. */
  message(id: number, text: string): FakeChat {
    const now = this.nowSeconds()
    return this.update(id, {
      lastMessageAt: now,
      lastMessageMs: this.nowMs(),
      lastCustomerMessageAt: now,
      lastMessageText: text,
      readByAgent: false,
    })
  }

  /** Changes fields of a chat (no message), like an agent in the web app would; bumps `updatedAt`. */
  update(id: number, patch: Partial<Omit<FakeChat, 'id'>>): FakeChat {
    const chat = this.require(id)
    Object.assign(chat, patch, { updatedAt: this.nowSeconds() })
    return chat
  }

  /** Closes a chat as an agent. */
  close(id: number): FakeChat {
    return this.update(id, { status: 'closed', closedAt: this.nowSeconds(), closedBy: 'agent' })
  }

  /** Deletes a chat (the API will answer 404 for it). */
  delete(id: number): boolean {
    return this.chats.delete(id)
  }

  /** Chats whose status is new, opened, pending or on hold. */
  openChats(): FakeChat[] {
    return [...this.chats.values()].filter((c) => isOpenStatus(c.status))
  }

  /** `GET /chats`: sorted and paged (at most `quirks.pageCap` rows a page). */
  list(query: FakeQuery): { page: FakeChat[]; total: number } {
    return page([...this.chats.values()], this.capped(query))
  }

  /** `POST /chats/search`, with the paging quirks (`pageCap`, `searchIgnoresOffset`, `searchTotalExtra`). */
  search(filters: FakeFilter[], comparison: string, query: FakeQuery): { page: FakeChat[]; total: number } {
    const any = comparison.toUpperCase() === 'OR'
    const rows = [...this.chats.values()].filter((chat) => {
      if (filters.length === 0) return true
      return any ? filters.some((f) => matches(chat, f)) : filters.every((f) => matches(chat, f))
    })
    const paging = this.capped(this.quirks.searchIgnoresOffset ? { ...query, offset: 0 } : query)
    const result = page(rows, paging)
    return { page: result.page, total: result.total + this.quirks.searchTotalExtra }
  }

  private capped(query: FakeQuery): FakeQuery {
    const cap = this.quirks.pageCap
    return cap === null ? query : { ...query, limit: Math.min(query.limit, cap) }
  }

  private require(id: number): FakeChat {
    const chat = this.chats.get(id)
    if (!chat) throw new Error(`fake chat ${id} does not exist`)
    return chat
  }
}

/** True for the statuses the tray treats as open. */
export function isOpenStatus(status: string): boolean {
  return ['new', 'opened', 'open', 'pending', 'onhold'].includes(normalizeFakeStatus(status))
}

/** Returns the sort field name without prefix, or null when not sortable. */
export function sortField(sort: string): SortField | null {
  const bare = sort.replace(/^chats\./, '')
  return (SORTABLE as readonly string[]).includes(bare) ? (bare as SortField) : null
}

function page(rows: FakeChat[], query: FakeQuery): { page: FakeChat[]; total: number } {
  const field = sortField(query.sort) ?? 'createdAt'
  const sign = query.order.toLowerCase() === 'asc' ? 1 : -1
  rows.sort((a, b) => {
    const x = a[field]
    const y = b[field]
    // Nulls go last in either order; ties break by id so paging is stable.
    if (x === null || y === null) return x === y ? a.id - b.id : x === null ? 1 : -1
    return x === y ? sign * (a.id - b.id) : sign * (x - y)
  })
  return { page: rows.slice(query.offset, query.offset + query.limit), total: rows.length }
}

function matches(chat: FakeChat, filter: FakeFilter): boolean {
  const field = filter.field.replace(/^chats\./, '')
  let actual: unknown
  let expected: unknown = filter.value
  if (field === 'status') {
    actual = normalizeFakeStatus(chat.status)
    expected = normalizeFakeStatus(String(filter.value))
  } else if (field === 'assignee') actual = chat.assignee
  else if (field === 'customer') actual = chat.customer.id
  else if (field === 'department') actual = chat.department?.id ?? null
  else if (sortField(field)) actual = chat[sortField(field) as SortField]
  else return false
  switch (filter.operator) {
    case '=':
      return actual === expected
    case '!=':
      return actual !== expected
    case '>':
      return typeof actual === 'number' && actual > Number(expected)
    case '>=':
      return typeof actual === 'number' && actual >= Number(expected)
    case '<':
      return typeof actual === 'number' && actual < Number(expected)
    case '<=':
      return typeof actual === 'number' && actual <= Number(expected)
    default:
      return false
  }
}
