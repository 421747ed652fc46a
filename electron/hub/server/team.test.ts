import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Chat } from '../../../shared/chat'
import { CommandFailure, PRESENCE_TIMING, type PresenceReport } from '../../../shared/protocol'
import { defaultSettings } from '../../../shared/settings'
import { fakeAdapter, NO_CAPABILITIES } from '../../../tests/helpers/adapters'
import { makeChat } from '../../../tests/helpers/chats'
import { createEngine } from '../../core/engine/engine'
import { silentLogger } from '../../core/engine/log'
import type { ChangeFeed, FeedEntry } from './change-feed'
import { attachTeam, type LadderPublisher, PRESENCE_SWEEP_MS, withoutStamps } from './team'
import { createMemoryTeamStore, type TeamChange, type TeamStore } from './team-store'
import type { TeamMember } from './tokens'

const T0 = new Date(2026, 0, 5, 10, 0, 0).getTime() // a Monday, 10:00 local
const MIA = { name: 'Mia', me: { ticketbox: 'm1', notes: 'm1' } }
const LEO = { name: 'Leo', me: { ticketbox: 'l1', notes: 'l1' } }
const ANA = { name: 'Ana', me: {} }
const HERE: PresenceReport = { online: true, dndUntil: null, onShift: null, activity: 'active', openChat: null }

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(T0)
})
afterEach(() => vi.useRealTimers())

/** A feed that keeps what was published. */
function memoryFeed(): ChangeFeed & { published: { name: string; chat?: Chat }[] } {
  const published: { name: string; chat?: Chat }[] = []
  let id = 0
  return {
    published,
    publish(name, data) {
      published.push({ name, chat: (data as { chat?: Chat }).chat })
      return { id: String(++id), name, frame: '' } as FeedEntry
    },
    lastId: () => String(id),
    since: () => [],
    subscribe: () => () => {},
  }
}

function hub(
  members: TeamMember[] = [
    { name: 'Mia', tier: '1' },
    { name: 'Leo', tier: '2' },
    { name: 'Ana', tier: 'lead' },
  ],
  shared: { store?: TeamStore; ladderPublisher?: LadderPublisher } = {},
) {
  const engine = createEngine({ log: silentLogger, now: () => Date.now() })
  engine.dispatcher.register('presence.report', () => {
    throw new CommandFailure('unsupported', 'not a hub')
  })
  const assigned: string[] = []
  engine.adapters.register(
    fakeAdapter('ticketbox', {
      assign: async (chat, who) => {
        assigned.push(who)
        return { ...chat, assignee: { id: who, name: who, email: null }, updatedAt: chat.updatedAt + 1 }
      },
    }),
  )
  engine.adapters.register(fakeAdapter('notes', { capabilities: NO_CAPABILITIES }))
  const feed = memoryFeed()
  const frames: string[] = []
  const settings = defaultSettings()
  const team = attachTeam({
    engine,
    settings: () => settings,
    tokens: { members: () => members },
    feed,
    broadcast: (frame) => frames.push(frame),
    ...shared,
  })
  // The hub's own feed subscriber, as attachHub adds it after the team.
  engine.bus.subscribe((event) => {
    if (event.type === 'chat.added' || event.type === 'chat.changed')
      feed.publish(event.type, { chat: team.stamp(event.chat) })
  })
  const claim = (actor: typeof MIA, key: string, version: number) =>
    engine.dispatcher.run('chat.claim', { key, version }, { actor })
  const report = (actor: { name: string; me: Record<string, string> }, given: Partial<PresenceReport> = {}) =>
    engine.dispatcher.run('presence.report', { ...HERE, ...given }, { actor })
  return { engine, team, feed, frames, assigned, claim, report, close: () => team.close() }
}

const ticket = (overrides: Partial<Chat> = {}) =>
  makeChat({ source: 'ticketbox', sourceId: '1', createdAt: T0, updatedAt: T0, ...overrides })

describe('claims on the hub (compare-and-set)', () => {
  it('lets the first of two racing claims win; the second hears who, and the help desk is asked once', async () => {
    const h = hub()
    h.engine.store.apply(ticket())
    const [a, b] = await Promise.all([h.claim(MIA, 'ticketbox:1', T0), h.claim(LEO, 'ticketbox:1', T0)])
    expect(a).toMatchObject({
      ok: true,
      result: { chat: { claim: { agent: 'Mia', since: T0 }, assignee: { id: 'm1' } } },
    })
    expect(b).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Mia took it 0 s ago', claim: { agent: 'Mia', since: T0 } },
    })
    expect(h.assigned).toEqual(['m1'])
    vi.advanceTimersByTime(4_000)
    expect(await h.claim(LEO, 'ticketbox:1', T0 + 1)).toMatchObject({ error: { message: 'Mia took it 4 s ago' } })
    // Claiming one's own claim again changes nothing and asks the help desk nothing.
    expect(await h.claim(MIA, 'ticketbox:1', T0)).toMatchObject({ ok: true })
    expect(h.assigned).toEqual(['m1'])
    h.close()
  })

  it('sends every desktop the claim before the help desk answers, and keeps it where the desk cannot assign', async () => {
    const h = hub()
    h.engine.store.apply(makeChat({ source: 'notes', sourceId: '9', createdAt: T0, updatedAt: T0 }))
    h.feed.published.length = 0
    expect(await h.claim(LEO, 'notes:9', T0)).toMatchObject({ ok: true, result: { chat: { claim: { agent: 'Leo' } } } })
    expect(h.feed.published.map((p) => p.chat?.claim)).toEqual([{ agent: 'Leo', since: T0 }])
    // Off the ladder in the same change: nobody is alerted for a claimed chat.
    expect(h.feed.published.map((p) => p.chat?.escalation)).toEqual([undefined])
    expect(h.team.ladder.of('notes:9')).toBeUndefined()
    expect(h.team.stamp(h.engine.store.get('notes:9') as Chat).claim).toEqual({ agent: 'Leo', since: T0 })
    h.close()
  })

  it('refuses a claim on an old version when the chat was assigned elsewhere or stopped waiting meanwhile', async () => {
    const h = hub()
    h.engine.store.apply(ticket({ assignee: { id: 'x9', name: 'Zoe', email: null }, updatedAt: T0 + 5 }))
    expect(await h.claim(MIA, 'ticketbox:1', T0)).toMatchObject({
      error: { code: 'conflict', message: 'Zoe has it at the help desk now' },
    })
    // Having seen that version, taking it over is a choice: it goes through.
    expect(await h.claim(MIA, 'ticketbox:1', T0 + 5)).toMatchObject({ ok: true })
    h.engine.store.apply(makeChat({ source: 'notes', sourceId: '2', state: 'active', updatedAt: T0 + 5 }))
    expect(await h.claim(MIA, 'notes:2', T0)).toMatchObject({
      error: { code: 'conflict', message: 'it is no longer waiting' },
    })
    expect(h.assigned).toEqual(['m1'])
    h.close()
  })

  it('lets go of a claim the help desk refused, and of a claim whose chat closed', async () => {
    const h = hub()
    h.engine.adapters.get('ticketbox')!.assign = async () => {
      throw new CommandFailure('source_error', 'the help desk said no')
    }
    h.engine.store.apply(ticket())
    expect(await h.claim(MIA, 'ticketbox:1', T0)).toMatchObject({ ok: false, error: { code: 'source_error' } })
    expect(h.team.store.claimOf('ticketbox:1')).toBeUndefined()
    h.engine.store.apply(makeChat({ source: 'notes', sourceId: '3', createdAt: T0, updatedAt: T0 }))
    await h.claim(LEO, 'notes:3', T0)
    h.engine.store.apply(makeChat({ source: 'notes', sourceId: '3', state: 'closed', updatedAt: T0 + 1 }))
    expect(h.team.store.claimOf('notes:3')).toBeUndefined()
    h.close()
  })
})

describe('presence on the hub', () => {
  it('fans out only changes, goes stale after 110 s without a report (not before), and fresh with the next one', async () => {
    const h = hub()
    await h.report(MIA)
    expect(h.frames).toHaveLength(1)
    expect(JSON.parse(h.frames[0]!.split('data: ')[1]!)).toMatchObject({
      full: false,
      agents: [{ name: 'Mia', online: true, stale: false, reachable: true, lastSeen: T0 }],
    })
    await h.report(MIA) // a heartbeat that changes nothing is not fanned out
    expect(h.frames).toHaveLength(1)
    vi.advanceTimersByTime(PRESENCE_TIMING.staleAfterMs - PRESENCE_SWEEP_MS)
    expect(h.frames).toHaveLength(1)
    vi.advanceTimersByTime(2 * PRESENCE_SWEEP_MS)
    expect(h.frames).toHaveLength(2)
    expect(JSON.parse(h.frames[1]!.split('data: ')[1]!).agents[0]).toMatchObject({
      name: 'Mia',
      online: false,
      stale: true,
      reachable: false,
    })
    await h.report(MIA)
    expect(h.team.presence.all().find((a) => a.name === 'Mia')).toMatchObject({ online: true, stale: false })
    // Names come from the tokens file only.
    await h.report({ name: 'Stranger', me: {} })
    expect(h.team.presence.all().map((a) => a.name)).toEqual(['Mia', 'Leo', 'Ana'])
    h.close()
  })

  it('is not reachable in do-not-disturb, off shift, locked or suspended', async () => {
    const h = hub([
      { name: 'Mia', tier: '1', shifts: [{ day: 1, start: '11:00', end: '12:00' }] },
      { name: 'Leo', tier: '1' },
    ])
    await h.report(MIA)
    await h.report(LEO, { dndUntil: T0 + 60_000 })
    const reachable = () => Object.fromEntries(h.team.presence.all().map((a) => [a.name, a.reachable]))
    expect(reachable()).toEqual({ Mia: false, Leo: false })
    await h.report(LEO, { activity: 'locked' })
    expect(reachable()).toEqual({ Mia: false, Leo: false })
    await h.report(LEO, { activity: 'idle' })
    expect(reachable()).toEqual({ Mia: false, Leo: true })
    vi.setSystemTime(T0 + 3_600_000) // 11:00: Mia's shift starts
    await h.report(MIA)
    expect(reachable()).toEqual({ Mia: true, Leo: true })
    h.close()
  })
})

describe('the escalation ladder on a controlled clock', () => {
  const escalation = (h: ReturnType<typeof hub>, key = 'ticketbox:1') => h.team.ladder.of(key)

  it('alerts tier 1, adds tier 2 at 80 % of the target and the lead at the target, then stops when claimed', async () => {
    const h = hub()
    for (const agent of [MIA, LEO, ANA]) await h.report(agent)
    h.engine.store.apply(ticket())
    const target = defaultSettings().alerts.firstResponseSeconds.ticketbox ?? 60
    expect(escalation(h)).toEqual({
      tier: '1',
      since: T0,
      dueAt: T0 + target * 1000,
      nextAt: T0 + target * 800,
      everyone: false,
    })
    // The change that put it on the ladder carried its state (no second event for it).
    expect(h.feed.published.filter((p) => p.chat?.key === 'ticketbox:1').map((p) => p.chat?.escalation?.tier)).toEqual([
      '1',
    ])
    vi.advanceTimersByTime(target * 800)
    expect(escalation(h)).toMatchObject({ tier: '2', everyone: false })
    vi.advanceTimersByTime(target * 200)
    expect(escalation(h)).toMatchObject({ tier: 'lead', everyone: false, nextAt: null })
    expect(h.feed.published.filter((p) => p.chat?.key === 'ticketbox:1').map((p) => p.chat?.escalation?.tier)).toEqual([
      '1',
      '2',
      'lead',
    ])
    await h.claim(LEO, 'ticketbox:1', T0)
    expect(escalation(h)).toBeUndefined()
    expect(h.feed.published.at(-1)?.chat).toMatchObject({ claim: { agent: 'Leo' } })
    expect(h.feed.published.at(-1)?.chat?.escalation).toBeUndefined()
    h.close()
  })

  it('passes a tier with nobody reachable at once, and climbs back when someone becomes reachable', async () => {
    const h = hub()
    await h.report(MIA, { dndUntil: T0 + 3_600_000 })
    await h.report(LEO)
    await h.report(ANA)
    h.engine.store.apply(ticket())
    expect(escalation(h)).toMatchObject({ tier: '2', everyone: false })
    await h.report(MIA, { dndUntil: null })
    expect(escalation(h)).toMatchObject({ tier: '1', everyone: false })
    h.close()
  })

  it('alerts everyone when nobody at all is reachable', () => {
    const h = hub()
    h.engine.store.apply(ticket())
    expect(escalation(h)).toMatchObject({ tier: 'lead', everyone: true, nextAt: null })
    h.close()
  })
})

describe('the team layer among several hubs', () => {
  it('computes the ladder on a follower but leaves its own steps to the leader, and sends them if it takes over', async () => {
    let leader = false
    const takeOver: (() => void)[] = []
    const remote: ((key: string) => void)[] = []
    const h = hub(undefined, {
      ladderPublisher: {
        active: () => leader,
        onActive: (listener) => void takeOver.push(listener),
        onRemote: (listener) => void remote.push(listener),
      },
    })
    for (const agent of [MIA, LEO, ANA]) await h.report(agent)
    h.engine.store.apply(ticket())
    const tiers = () =>
      h.feed.published.filter((p) => p.chat?.key === 'ticketbox:1').map((p) => p.chat?.escalation?.tier)
    // The chat's own change is stamped by whichever hub publishes it.
    expect(tiers()).toEqual(['1'])
    const target = defaultSettings().alerts.firstResponseSeconds.ticketbox ?? 60
    vi.advanceTimersByTime(target * 800)
    expect(h.team.ladder.of('ticketbox:1')).toMatchObject({ tier: '2' })
    expect(tiers()).toEqual(['1'])
    leader = true
    for (const listener of takeOver) listener()
    expect(tiers()).toEqual(['1', '2'])
    vi.advanceTimersByTime(target * 200)
    expect(tiers()).toEqual(['1', '2', 'lead'])
    h.close()
  })

  it('does not send again, on taking over, a step whose chat the leader already published', async () => {
    const takeOver: (() => void)[] = []
    const remote: ((key: string) => void)[] = []
    const h = hub(undefined, {
      ladderPublisher: {
        active: () => false,
        onActive: (listener) => void takeOver.push(listener),
        onRemote: (listener) => void remote.push(listener),
      },
    })
    for (const agent of [MIA, LEO, ANA]) await h.report(agent)
    h.engine.store.apply(ticket())
    vi.advanceTimersByTime((defaultSettings().alerts.firstResponseSeconds.ticketbox ?? 60) * 800)
    expect(h.team.ladder.of('ticketbox:1')).toMatchObject({ tier: '2' })
    // The leader's frame of the chat came through the shared log: its ladder state went out with it.
    for (const listener of remote) listener('ticketbox:1')
    const before = h.feed.published.length
    for (const listener of takeOver) listener()
    expect(h.feed.published.length).toBe(before)
    h.close()
  })

  it('judges again what another hub changed in a shared store: its claim ends the ladder here without a publish', async () => {
    const memory = createMemoryTeamStore()
    const listeners: ((change: TeamChange) => void)[] = []
    const store: TeamStore = {
      ...memory,
      subscribe(listener) {
        listeners.push(listener)
        return () => {}
      },
    }
    const h = hub(undefined, { store })
    for (const agent of [MIA, LEO, ANA]) await h.report(agent)
    h.engine.store.apply(ticket())
    expect(h.team.ladder.of('ticketbox:1')).toMatchObject({ tier: '1' })
    const published = h.feed.published.length
    h.frames.length = 0
    // Through another hub: Leo claimed the chat, Mia went into do-not-disturb.
    await memory.claim('ticketbox:1', { agent: 'Leo', since: T0 })
    memory.report('Mia', { report: { ...HERE, dndUntil: T0 + 60_000 }, at: T0 })
    for (const listener of listeners) listener({ claim: 'ticketbox:1' })
    for (const listener of listeners) listener({ report: 'Mia' })
    expect(h.team.ladder.of('ticketbox:1')).toBeUndefined()
    expect(h.team.stamp(h.engine.store.get('ticketbox:1') as Chat).claim).toEqual({ agent: 'Leo', since: T0 })
    expect(h.feed.published.length).toBe(published)
    expect(h.frames.map((f) => JSON.parse(f.split('data: ')[1] as string).agents[0])).toMatchObject([
      { name: 'Mia', reachable: false, dndUntil: T0 + 60_000 },
    ])
    h.close()
  })
})

describe('withoutStamps', () => {
  it("gives back the source's chat: another hub's claim and ladder state are not stored as if the source sent them", () => {
    const chat = makeChat()
    const stamped: Chat = {
      ...chat,
      claim: { agent: 'Mia', since: 1 },
      escalation: { tier: '1', since: 0, dueAt: 60_000, nextAt: 48_000, everyone: false },
    }
    expect(withoutStamps(stamped)).toEqual(chat)
    expect(withoutStamps(chat)).toBe(chat)
  })
})
