/**
 * The hub's tokens file: `[{"token", "agent", "me": {<source>: id | null}}]` (docs/hub.md; the older
 * `<source>AgentId` fields are read as `me`), validated with zod and re-read when it changes (fs.watch, with a
 * poll as the fallback on file systems that do not report changes). Lookups compare SHA-256 digests in constant
 * time and always walk the whole table, so timing tells nothing about a token.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { type FSWatcher, readFileSync, unwatchFile, watch, watchFile } from 'node:fs'
import { z } from 'zod'
import type { Tier } from '../../../shared/chat'
import { type HubAgent, readAgentMe } from '../../../shared/protocol/hub'
import { teamTokenFields } from '../../../shared/protocol/team'
import type { Shift } from '../../../shared/settings'
import type { Logger } from '../../core/engine/log'

// Loose: "me" per source may also come as legacy `<source>AgentId` fields, which `readAgentMe` reads.
const entrySchema = z.looseObject({
  token: z.string().min(16, 'a token needs at least 16 characters').max(512),
  agent: z.string().min(1).max(200),
})
const fileSchema = z.array(entrySchema).max(10_000)

/** Quiet time after a change event before the file is read (ms). */
const SETTLE_MS = 250

/** One known token, by digest. */
interface KnownToken {
  digest: Buffer
  agent: HubAgent & { tier: Tier }
  /** The agent's shifts in the hub's local time (tokens file `shifts`), when given. */
  shifts?: Shift[]
}

/** An agent of the tokens file as the team layer sees them (one per name; several tokens may share a name). */
export interface TeamMember {
  name: string
  tier: Tier
  shifts?: Shift[]
}

/** The current token table. */
export interface TokenTable {
  /** The agent of a presented token, or null. */
  lookup(token: string): HubAgent | null
  /** Every agent the file names, once per name (the first entry's tier and shifts), in file order. */
  members(): TeamMember[]
  /** Stops watching the file. */
  close(): void
}

/** A tokens file that cannot be used; the message names the problem, never a token. */
export class TokensFileError extends Error {}

/** Parses the file's text; throws `TokensFileError`. */
export function parseTokensFile(text: string): KnownToken[] {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new TokensFileError('tokens file: not valid JSON')
  }
  const parsed = fileSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    // The path is an index and a field name; the message is zod's, which never echoes the value.
    throw new TokensFileError(`tokens file: "${issue?.path.join('.')}": ${issue?.message}`)
  }
  const seen = new Set<string>()
  return parsed.data.map((entry, index) => {
    if (seen.has(entry.token)) throw new TokensFileError(`tokens file: entry ${index} repeats an earlier token`)
    seen.add(entry.token)
    const me = readAgentMe(entry)
    if (!me.ok) throw new TokensFileError(`tokens file: entry ${index}: ${me.error}`)
    const team = teamTokenFields.safeParse(entry)
    if (!team.success) {
      const issue = team.error.issues[0]
      throw new TokensFileError(`tokens file: entry ${index}: "${issue?.path.join('.')}": ${issue?.message}`)
    }
    const known: KnownToken = {
      digest: digestOf(entry.token),
      agent: { name: entry.agent, me: me.me, tier: team.data.tier },
    }
    if (team.data.shifts) known.shifts = team.data.shifts
    return known
  })
}

/** The agents of a parsed file, once per name. */
export function membersOf(known: readonly KnownToken[]): TeamMember[] {
  const byName = new Map<string, TeamMember>()
  for (const { agent, shifts } of known)
    if (!byName.has(agent.name))
      byName.set(agent.name, { name: agent.name, tier: agent.tier, ...(shifts ? { shifts } : {}) })
  return [...byName.values()]
}

/** Reads and watches the tokens file. Throws `TokensFileError` if it is unusable at start. */
export function watchTokensFile(
  path: string,
  options: { log: Logger; pollMs?: number; onChange?: () => void },
): TokenTable {
  const read = () => {
    try {
      return parseTokensFile(readFileSync(path, 'utf8'))
    } catch (error) {
      if (error instanceof TokensFileError) throw error
      throw new TokensFileError(`tokens file: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
    }
  }
  let known = read()
  let members = membersOf(known)
  let text = readFileSync(path, 'utf8')
  const reload = () => {
    let next: string
    try {
      next = readFileSync(path, 'utf8')
    } catch {
      next = ''
    }
    if (next === text) return
    text = next
    try {
      known = parseTokensFile(next)
      members = membersOf(known)
      options.log.info('hub tokens reloaded', { tokens: known.length })
    } catch (error) {
      // A half-written or broken file must not lock everyone out, nor keep a removed token: refuse all.
      known = []
      members = []
      options.log.error('hub tokens file unusable; every token is refused until it is fixed', {
        error: (error as Error).message,
      })
    }
    options.onChange?.()
  }
  // A writer truncates, then writes: read once the file has been quiet for a moment, not in between.
  let settle: NodeJS.Timeout | null = null
  const changed = () => {
    if (settle) clearTimeout(settle)
    settle = setTimeout(reload, SETTLE_MS)
    settle.unref()
  }
  let watcher: FSWatcher | null = null
  try {
    watcher = watch(path, { persistent: false }, changed)
    watcher.on('error', () => {})
  } catch {
    watcher = null
  }
  const pollMs = options.pollMs ?? 1000
  watchFile(path, { interval: pollMs, persistent: false }, changed)
  return {
    lookup(token) {
      const digest = digestOf(token)
      let match: HubAgent | null = null
      for (const entry of known) if (timingSafeEqual(entry.digest, digest) && !match) match = entry.agent
      return match
    },
    members: () => members,
    close() {
      if (settle) clearTimeout(settle)
      watcher?.close()
      unwatchFile(path)
    },
  }
}

/** The bearer token of an `Authorization` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header ?? '')
  return match ? (match[1] as string) : null
}

function digestOf(token: string): Buffer {
  return createHash('sha256').update(token).digest()
}
