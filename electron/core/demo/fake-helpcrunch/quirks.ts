/**
 * Switches for the places where HelpCrunch's own examples disagree (docs/helpcrunch.md), so tests can
 * run the client against each variant. The defaults are the forms the client tries first.
 */

/** Variants of the fake API; all mutable at run time (`fake.db.quirks`). */
export interface FakeQuirks {
  /** How `POST /chats/search` must spell a status value; any other spelling is answered 400. */
  searchStatus: 'on hold' | 'onhold' | 'codes'
  /** `PUT /chats/snooze` takes `snoozedUntil` only as a string (newer docs: "String (UNIX timestamp)"). */
  snoozeAsString: boolean
  /** Which mark-read route exists: `PUT /chats/readByAgent` (newer) or `PUT /chats/read` (other version). */
  readRoute: 'readByAgent' | 'read'
  /** `GET /organization` answers `domain` as a full host (`acme.helpcrunch.com`) instead of the subdomain. */
  domainAsHost: boolean
}

/** The defaults. */
export function defaultQuirks(): FakeQuirks {
  return {
    searchStatus: 'on hold',
    snoozeAsString: false,
    readRoute: 'readByAgent',
    domainAsHost: false,
  }
}

/** Numeric status codes as a code-form search takes them (the order of the chat model's status list). */
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

/** The status a search filter value means under `form`, or null for a spelling this variant rejects. */
export function readStatusFilterValue(value: unknown, form: FakeQuirks['searchStatus']): string | null {
  if (form === 'codes')
    return typeof value === 'string' || typeof value === 'number' ? (FAKE_STATUS_CODES[String(value)] ?? null) : null
  if (typeof value !== 'string') return null
  if (value === form) return 'on hold'
  return NAMES.includes(value) ? value : null
}
