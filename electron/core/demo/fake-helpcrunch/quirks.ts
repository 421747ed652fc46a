/**
 * Switches for the places where HelpCrunch's own examples disagree or say nothing (docs/helpcrunch.md), so
 * tests can run the client against each variant. The defaults are what the documentation shows; where it shows
 * nothing, the defaults are the forms the client tries first.
 */

/** Variants of the fake API; all mutable at run time (`fake.db.quirks`). */
export interface FakeQuirks {
  /**
   * How `POST /chats/search` must spell a status value. `'on hold'`, `'onhold'`, `'codes'`: any other spelling
   * is answered 400. `'codes-only'`: codes work, and a name is still a string of the right type, so it is
   * answered 200 with no rows (the form the newest examples use, where a wrong form fails silently).
   */
  searchStatus: 'on hold' | 'onhold' | 'codes' | 'codes-only'
  /** How a status filter spelt the way `searchStatus` does not take is answered: 400, or 200 matching nothing. */
  wrongSpelling: 'refused' | 'no-rows'
  /**
   * Which status names `PUT /chats/status` takes (400 `invalid_chat_value` for the others): every documented
   * spelling, the newest English page's (`opened`, `on hold`), the older one's (`opened`, `on-hold`), or the
   * Ukrainian page's (`open`, `on-hold`).
   */
  statusNames: 'any' | 'newest' | 'older' | 'uk'
  /** `PUT /chats/snooze` takes `snoozedUntil` only as a string (newer docs: "String (UNIX timestamp)"). */
  snoozeAsString: boolean
  /** Which mark-read route exists: `PUT /chats/readByAgent` (newer) or `PUT /chats/read` (other version). */
  readRoute: 'readByAgent' | 'read'
  /**
   * What `GET /organization` answers in `domain` (undocumented: the example says `"string"`): the full host
   * (`acme.helpcrunch.com`), the bare subdomain (`acme`), or the organisation's website (`acme.com`).
   */
  domain: 'host' | 'label' | 'website'
  /** PHP's `json_encode` of an empty array: a missing assignee or department is sent as `[]`, not `null`. */
  emptyObjectsAsArrays: boolean
  /** Chat `status` sent as its numeric code (a third-party export tool's claim; `FAKE_STATUS_CODES`). */
  statusAsCode: boolean
  /** Lists and searches answer at most this many rows a page (below `limit`) while `total` counts all: a short page before `total`. */
  pageCap: number | null
  /** `POST /chats/search` ignores `offset` (every page is the first one). */
  searchIgnoresOffset: boolean
  /** `POST /chats/search` claims this many more rows in `total` than it has. */
  searchTotalExtra: number
}

/** The defaults. */
export function defaultQuirks(): FakeQuirks {
  return {
    searchStatus: 'on hold',
    wrongSpelling: 'refused',
    statusNames: 'any',
    snoozeAsString: false,
    readRoute: 'readByAgent',
    domain: 'host',
    emptyObjectsAsArrays: false,
    statusAsCode: false,
    pageCap: null,
    searchIgnoresOffset: false,
    searchTotalExtra: 0,
  }
}

/**
 * Numeric status codes (unpublished; the order of the chat model page's status list, which agrees with a
 * third-party export tool for 1–4). A code-form search takes them; `statusAsCode` sends them.
 */
export const FAKE_STATUS_CODES: Readonly<Record<string, string>> = {
  '1': 'new',
  '2': 'opened',
  '3': 'pending',
  '4': 'on hold',
  '5': 'no communication',
  '6': 'closed',
  '7': 'empty',
}

const NAMES = ['new', 'opened', 'pending', 'no communication', 'closed', 'empty']

/** What a status filter value means: a status, `'refused'` (400), or `'no-rows'` (200, nothing). */
export function readStatusFilterValue(
  value: unknown,
  quirks: Pick<FakeQuirks, 'searchStatus' | 'wrongSpelling'>,
): string | 'refused' | 'no-rows' {
  const form = quirks.searchStatus
  // A string of a spelling this variant does not take is still a string: the type matches, nothing else does.
  const wrong = typeof value === 'string' && (form === 'codes-only' || quirks.wrongSpelling === 'no-rows')
  if (form === 'codes' || form === 'codes-only') {
    const code = typeof value === 'string' || typeof value === 'number' ? FAKE_STATUS_CODES[String(value)] : undefined
    return code ?? (wrong ? 'no-rows' : 'refused')
  }
  if (typeof value !== 'string') return 'refused'
  if (value === form) return 'on hold'
  return NAMES.includes(value) ? value : wrong ? 'no-rows' : 'refused'
}

/** The status names `PUT /chats/status` takes under each `statusNames` variant → the status they set. */
export const STATUS_NAME_VARIANTS: Readonly<Record<FakeQuirks['statusNames'], Readonly<Record<string, string>>>> = {
  any: {},
  newest: { new: 'new', opened: 'opened', pending: 'pending', 'on hold': 'on hold', closed: 'closed' },
  older: { new: 'new', opened: 'opened', pending: 'pending', 'on-hold': 'on hold', closed: 'closed' },
  uk: { new: 'new', open: 'opened', pending: 'pending', 'on-hold': 'on hold', closed: 'closed' },
}

/** The numeric code of a status (for `statusAsCode`), or the status itself when it has none. */
export function statusCode(status: string): number | string {
  const entry = Object.entries(FAKE_STATUS_CODES).find(([, name]) => name === status)
  return entry ? Number(entry[0]) : status
}
