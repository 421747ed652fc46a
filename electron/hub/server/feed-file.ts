/**
 * Reading the hub's replay log back (`hub-events.ndjson`). Every line is one change `{id, prev, name, data}`,
 * where `prev` is the id of the change streamed just before it. At load each line is checked as the desktops
 * would check the event (a line they would refuse must never be replayed), and the lines must chain: a line
 * that cannot be read, or whose `prev` is not the line before, means a change was streamed that the log cannot
 * replay, so no resume may cross that point. What is left is the longest readable chain at the end of the file.
 */
import { z } from 'zod'
import { SOURCE_STATES } from '../../../shared/protocol'
import { HUB_EVENT_NAMES, type HubChangeName } from '../../../shared/protocol/hub'
import { boundedChatSchema, MAX_CHAT_KEY } from '../../../shared/transforms/bounds'

/** One change as the file holds it. */
export interface LoggedChange {
  id: number
  /** The id of the change before it (the resume point it follows). */
  prev: number
  name: HubChangeName
  data: unknown
}

const seq = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)
const lineSchema = z.object({
  id: seq.positive(),
  // Lines of builds before `prev` existed had consecutive ids.
  prev: seq.optional(),
  name: z.enum(HUB_EVENT_NAMES).exclude(['snapshot', 'team.presence']),
  data: z.unknown(),
})

const chat = boundedChatSchema.refine((c) => c.key === `${c.source}:${c.sourceId}`, 'key does not match the source')
const status = z.looseObject({
  source: z.string().min(1).max(40),
  state: z.enum(SOURCE_STATES),
  message: z.string().nullable(),
  warnings: z.array(z.string()),
})
/** What each change's data must be: at least what a desktop checks before it applies the event. */
const dataSchemas: Record<HubChangeName, z.ZodType> = {
  'chat.added': z.object({ chat }),
  'chat.changed': z.object({ chat }),
  'chat.removed': z.object({
    key: z.string().min(3).max(MAX_CHAT_KEY),
    reason: z.enum(['deleted', 'pruned', 'source-removed']),
  }),
  'source.status': z.object({ status }),
}

/** What loading found. */
export interface LoadedLog {
  /** The changes that can be replayed, oldest first, chained. */
  changes: LoggedChange[]
  /** Lines that could not be read or that desktops would refuse. */
  invalid: number
  /** Places where a change is missing (an unreadable line, or a `prev` that does not match). */
  breaks: number
  /** The file ended in such a place: nothing in it can be resumed from. */
  brokenTail: boolean
  /** The highest id in any line, readable or not: later ids must be above it. */
  highestId: number
}

/** Parses the log's text, keeping at most `maxEntries` of the newest chained changes. */
export function loadFeedLog(text: string, maxEntries: number): LoadedLog {
  let changes: LoggedChange[] = []
  let invalid = 0
  let breaks = 0
  let highestId = 0
  // True after a line that could not be read: the next good line starts a new chain.
  let broken = false
  const lines = text.split('\n')
  // A file that does not end with a newline ended mid-write: its last piece is a line that could not be read.
  for (const raw of lines.at(-1) === '' ? lines.slice(0, -1) : lines) {
    const line = readLine(raw)
    if (line.id !== null) highestId = Math.max(highestId, line.id)
    if (line.change === null) {
      if (raw.trim() === '') continue
      invalid++
      broken = true
      continue
    }
    const change = line.change
    const last = changes.at(-1)
    const follows = last === undefined ? !broken : !broken && change.prev === last.id && change.id > last.id
    if (!follows && (last !== undefined || broken)) {
      breaks++
      changes = []
    }
    broken = false
    changes.push(change)
    if (changes.length > maxEntries * 2) changes = changes.slice(-maxEntries)
  }
  if (broken) {
    breaks++
    changes = []
  }
  return { changes: changes.slice(-maxEntries), invalid, breaks, brokenTail: broken, highestId }
}

function readLine(raw: string): { change: LoggedChange | null; id: number | null } {
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return { change: null, id: null }
  }
  const id = (json as { id?: unknown } | null)?.id
  const seen = typeof id === 'number' && Number.isSafeInteger(id) ? id : null
  const parsed = lineSchema.safeParse(json)
  if (!parsed.success || (parsed.data.prev ?? 0) >= parsed.data.id) return { change: null, id: seen }
  const { name, data } = parsed.data
  if (!dataSchemas[name].safeParse(data).success) return { change: null, id: seen }
  return { change: { id: parsed.data.id, prev: parsed.data.prev ?? parsed.data.id - 1, name, data }, id: seen }
}
