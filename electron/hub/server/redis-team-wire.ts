/**
 * What the team store (redis-team-store.ts) keeps in Redis and reads back: the two Lua scripts (a claim set only
 * when none is held, a compare-and-delete release), the messages of the `chat-tray:team` channel, and reading every
 * claim and report at once. Everything read back is checked: anything else with access to Redis could write there.
 */
import type { Redis } from 'ioredis'
import { z } from 'zod'
import type { ChatClaim } from '../../../shared/chat'
import { presenceReportSchema } from '../../../shared/protocol/team'
import { KEYS } from './redis-client'
import type { StoredReport } from './team-store'

/** How long a claim outlives its last write in Redis (s): longer than any chat stays on the ladder. */
export const CLAIM_TTL_S = 86_400

/** `GET`, else `SET … EX` and `PUBLISH`; answers the claim held, or nil when this one was set. */
export const CLAIM = `
local held = redis.call('GET', KEYS[1])
if held then return held end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[4])
return false`

/** Deletes the claim (only `ARGV[1]`'s, unless empty) and publishes it; 1 when deleted. */
export const RELEASE = `
local held = redis.call('GET', KEYS[1])
if not held then return 0 end
if ARGV[1] ~= '' and cjson.decode(held).agent ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1`

/** A claim as kept. */
export const claimSchema = z.object({ agent: z.string(), since: z.number() })
/** A presence report as kept. */
export const storedSchema = z.object({ report: presenceReportSchema, at: z.number() })
/** One message on the team channel (checked: anything else with access to Redis could publish there). */
export const messageSchema = z.union([
  z.object({ claim: z.string(), value: claimSchema.nullable() }),
  z.object({ report: z.string(), value: storedSchema }),
])
/** One message of the team channel. */
export type Message = z.infer<typeof messageSchema>

/** A stored JSON value read back, or undefined when it is not what this code writes. */
export function parsed<T>(schema: z.ZodType<T>, text: string): T | undefined {
  try {
    const result = schema.safeParse(JSON.parse(text))
    return result.success ? result.data : undefined
  } catch {
    return undefined
  }
}

/** Every claim (by chat key) and report in Redis, and how many values were unreadable. */
export async function readTeam(
  client: Redis,
): Promise<{ claims: Map<string, ChatClaim>; reports: Map<string, StoredReport>; unreadable: number }> {
  const keys: string[] = []
  let cursor = '0'
  do {
    const [next, found] = await client.scan(cursor, 'MATCH', KEYS.claim('*'), 'COUNT', 500)
    cursor = next
    keys.push(...found)
  } while (cursor !== '0')
  const values = keys.length > 0 ? await client.mget(...keys) : []
  const claims = new Map<string, ChatClaim>()
  const reports = new Map<string, StoredReport>()
  let unreadable = 0
  keys.forEach((full, i) => {
    const text = values[i]
    // Expired between SCAN and MGET: simply gone.
    if (text === null || text === undefined) return
    const value = parsed(claimSchema, text)
    if (value) claims.set(full.slice(KEYS.claim('').length), value)
    else unreadable++
  })
  for (const [name, text] of Object.entries(await client.hgetall(KEYS.presence))) {
    const value = parsed(storedSchema, text)
    if (value) reports.set(name, value)
    else unreadable++
  }
  return { claims, reports, unreadable }
}
