/**
 * The team's claims and presence in the shared Redis (`--redis`, docs/scaling.md, "Claims and presence"), so two
 * agents claiming one chat through two hubs cannot both win and every hub shows the same presence. A claim is one
 * Lua script (`GET`, else `SET chat-tray:claim:<key> <json> EX 86400` and `PUBLISH`): atomic in Redis, answering
 * the claim held when it fails; a release is a compare-and-delete. Reports go to the hash `chat-tray:presence`.
 * Every change is published on `chat-tray:team`; each hub keeps a local mirror (reads never wait on the network),
 * fed by its own subscriber connection and read again whole whenever that connection (re)subscribes, since pub/sub
 * forgets what it sent while a hub was away. Redis down: a claim cannot be decided safely and fails `offline`;
 * presence keeps working locally, and this hub's newer reports are written back when Redis is reachable again.
 * What it writes and reads back (scripts, messages, their checks) is in redis-team-wire.ts; the rest is over 150
 * lines on purpose: claims, reports and the resync share the mirror and the messages held back meanwhile.
 */
import type { Redis } from 'ioredis'
import type { ChatClaim } from '../../../shared/chat'
import { CommandFailure } from '../../../shared/protocol'
import type { Logger } from '../../core/engine/log'
import { KEYS } from './redis-client'
import {
  CLAIM,
  CLAIM_TTL_S,
  claimSchema,
  type Message,
  messageSchema,
  parsed,
  RELEASE,
  readTeam,
} from './redis-team-wire'
import type { ClaimAttempt, StoredReport, TeamChange, TeamStore } from './team-store'

/** What a claim refused because Redis is unreachable says (code `offline`). */
export const CLAIM_OFFLINE =
  'claims are decided in the team’s shared store, which this hub cannot reach right now: try again in a moment'

/** The Redis team store, with what the cluster wiring needs around it. */
export interface RedisTeamStore extends TeamStore {
  /** Subscribes and reads every claim and report (before the hub is attached). */
  start(): Promise<void>
  /** Counters for `/health`. */
  health(): Record<string, number>
  close(): void
}

/** Creates the store on `client` (commands) and `subscriber` (a connection of its own, for pub/sub). */
export function createRedisTeamStore(client: Redis, subscriber: Redis, log: Logger): RedisTeamStore {
  const claims = new Map<string, ChatClaim>()
  const reports = new Map<string, StoredReport>()
  const listeners = new Set<(change: TeamChange) => void>()
  /** Reports this hub took that Redis does not have yet; releases it could not make. */
  const unsent = new Set<string>()
  const unreleased = new Map<string, string | undefined>()
  const counts = { claimsRefusedOffline: 0, reportWriteFailures: 0, resyncs: 0, resyncFailures: 0, unreadable: 0 }
  let buffered: Message[] | null = null
  let retry: NodeJS.Timeout | null = null
  let closed = false

  const tell = (change: TeamChange) => {
    for (const listener of listeners) listener(change)
  }
  const setClaim = (key: string, value: ChatClaim | null) => {
    const before = claims.get(key)
    if (value) claims.set(key, value)
    else claims.delete(key)
    if (JSON.stringify(before) !== JSON.stringify(value ?? undefined)) tell({ claim: key })
  }
  /** The newer report wins (two hubs may hear one agent's two desktops). */
  const setReport = (name: string, value: StoredReport) => {
    const before = reports.get(name)
    if (before && before.at >= value.at) return
    reports.set(name, value)
    tell({ report: name })
  }
  const take = (message: Message) => {
    if ('claim' in message) setClaim(message.claim, message.value)
    else setReport(message.report, message.value)
  }
  const writeReport = (name: string, stored: StoredReport) =>
    client
      .multi()
      .hset(KEYS.presence, name, JSON.stringify(stored))
      .publish(KEYS.teamChannel, JSON.stringify({ report: name, value: stored } satisfies Message))
      .exec()
      .then((answers) => {
        if (answers?.some(([error]) => error)) throw new Error('presence write refused')
      })
  const release = async (key: string, agent?: string) => {
    const message = JSON.stringify({ claim: key, value: null } satisfies Message)
    await client.eval(RELEASE, 1, KEYS.claim(key), agent ?? '', KEYS.teamChannel, message)
  }

  /** Reads every claim and report again (after a (re)subscribe), and writes back what Redis missed meanwhile. */
  const resync = async () => {
    buffered = []
    try {
      for (const [key, agent] of [...unreleased]) {
        await release(key, agent)
        unreleased.delete(key)
      }
      for (const name of [...unsent]) {
        const stored = reports.get(name)
        if (stored) await writeReport(name, stored)
        unsent.delete(name)
      }
      const fresh = await readTeam(client)
      counts.unreadable += fresh.unreadable
      for (const key of [...claims.keys()]) if (!fresh.claims.has(key)) setClaim(key, null)
      for (const [key, claim] of fresh.claims) setClaim(key, claim)
      for (const [name, stored] of fresh.reports) setReport(name, stored)
      counts.resyncs++
      const waiting = buffered
      buffered = null
      for (const message of waiting) take(message)
    } catch (error) {
      const waiting = buffered ?? []
      buffered = null
      for (const message of waiting) take(message)
      counts.resyncFailures++
      log.warn('team store: claims and presence not read from Redis; retrying', { error: String(error) })
      if (!closed) retry = setTimeout(() => void resync(), 1_000)
    }
  }

  subscriber.on('message', (channel: string, text: string) => {
    if (channel !== KEYS.teamChannel) return
    const message = parsed(messageSchema, text)
    if (!message) {
      counts.unreadable++
      return
    }
    if (buffered) buffered.push(message)
    else take(message)
  })

  return {
    async start() {
      await subscriber.subscribe(KEYS.teamChannel)
      await resync()
      // ioredis subscribes again by itself after a reconnect; what was published meanwhile is read whole.
      subscriber.on('ready', () => {
        if (retry) clearTimeout(retry)
        void resync()
      })
    },
    async claim(key, claim) {
      const message = JSON.stringify({ claim: key, value: claim } satisfies Message)
      let held: string | null
      try {
        held = (await client.eval(
          CLAIM,
          1,
          KEYS.claim(key),
          JSON.stringify(claim),
          String(CLAIM_TTL_S),
          KEYS.teamChannel,
          message,
        )) as string | null
      } catch {
        // Deciding here alone could let two agents win: the caller hears it plainly instead.
        counts.claimsRefusedOffline++
        throw new CommandFailure('offline', CLAIM_OFFLINE)
      }
      if (held === null) {
        setClaim(key, claim)
        return { ok: true, claim }
      }
      const holder = parsed(claimSchema, held)
      // Not a claim this code wrote: refused all the same (never two winners), in plain words.
      if (!holder) throw new CommandFailure('internal', 'the claim kept for this chat is unreadable')
      setClaim(key, holder)
      return (holder.agent === claim.agent ? { ok: true, claim: holder } : { ok: false, held: holder }) as ClaimAttempt
    },
    async release(key, agent) {
      const mine = claims.get(key)
      if (agent === undefined || mine?.agent === agent) setClaim(key, null)
      try {
        await release(key, agent)
      } catch (error) {
        unreleased.set(key, agent)
        throw error
      }
    },
    claimOf: (key) => claims.get(key),
    claimCount: () => claims.size,
    report(name, stored) {
      reports.set(name, stored)
      writeReport(name, stored).catch(() => {
        counts.reportWriteFailures++
        unsent.add(name)
      })
    },
    reportOf: (name) => reports.get(name),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    health: () => ({ ...counts, claims: claims.size, reports: reports.size }),
    close() {
      closed = true
      if (retry) clearTimeout(retry)
      listeners.clear()
    },
  }
}
