import { describe, expect, it, vi } from 'vitest'
import type { Chat } from '../../../shared/chat'
import { CommandFailure } from '../../../shared/protocol'
import { fakeAdapter as sourceAdapter } from '../../../tests/helpers/adapters'
import { makeChat } from '../../../tests/helpers/chats'
import type { SourceAdapter } from './adapters'
import { createEngine } from './engine'
import { silentLogger } from './log'

const NOW = 1_800_000_000_000

const fakeAdapter = (overrides: Partial<SourceAdapter> = {}) => sourceAdapter('helpcrunch', overrides)

function setup(adapter?: SourceAdapter) {
  const engine = createEngine({ log: silentLogger, now: () => NOW })
  if (adapter) engine.adapters.register(adapter)
  const hc = makeChat({
    source: 'helpcrunch',
    sourceId: '42',
    rawStatus: 'new',
    webUrl: 'https://acme.helpcrunch.com/inbox/chats/42',
  })
  const dd = makeChat({ source: 'deskdirector', sourceId: 'dd-1' })
  engine.store.applyMany([hc, dd])
  return { engine, hc, dd }
}

describe('chat commands', () => {
  it('snoozes a HelpCrunch chat on the server and applies the answer at once', async () => {
    const snooze = vi.fn(async (chat: Chat, until: number | null) => ({ ...chat, snoozedUntil: until }))
    const { engine, hc } = setup(fakeAdapter({ snooze }))
    const outcome = await engine.dispatcher.runUntrusted('chat.snooze', { key: hc.key, preset: '15m' })
    expect(snooze).toHaveBeenCalledWith(hc, NOW + 15 * 60_000)
    expect(outcome).toMatchObject({ ok: true, result: { chat: { key: hc.key, snoozedUntil: NOW + 15 * 60_000 } } })
    expect(engine.store.get(hc.key)?.snoozedUntil).toBe(NOW + 15 * 60_000)
  })

  it('snoozes a DeskDirector chat locally (no snooze API) and unsnoozes it', async () => {
    const { engine, dd } = setup(fakeAdapter())
    await engine.dispatcher.runUntrusted('chat.snooze', { key: dd.key, until: NOW + 60_000 })
    expect(engine.store.get(dd.key)?.snoozedUntil).toBe(NOW + 60_000)
    await engine.dispatcher.runUntrusted('chat.unsnooze', { key: dd.key })
    expect(engine.store.get(dd.key)?.snoozedUntil).toBeNull()
  })

  it('snoozes until the customer replies where the source tells, and refuses where it cannot', async () => {
    const { engine, dd } = setup(fakeAdapter())
    const hc = makeChat({
      source: 'helpcrunch',
      sourceId: '43',
      lastCustomerMessageAt: NOW - 60_000,
      updatedAt: NOW - 60_000,
    })
    engine.store.applyMany([hc])
    expect(await engine.dispatcher.runUntrusted('chat.snooze', { key: dd.key, preset: 'until-reply' })).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    })
    await engine.dispatcher.runUntrusted('chat.snooze', { key: hc.key, preset: 'until-reply' })
    expect(engine.store.get(hc.key)?.snoozedUntil).toBe(NOW + 7 * 86_400_000)
    // An agent's message does not end it; the customer's next one does.
    engine.store.apply({ ...hc, lastMessageAt: NOW - 30_000, updatedAt: NOW - 30_000 })
    expect(engine.store.get(hc.key)?.snoozedUntil).toBe(NOW + 7 * 86_400_000)
    engine.store.apply({ ...hc, lastCustomerMessageAt: NOW - 1_000, updatedAt: NOW - 1_000 })
    expect(engine.store.get(hc.key)?.snoozedUntil).toBeNull()
  })

  it('snoozes until tomorrow morning', async () => {
    const { engine, dd } = setup(fakeAdapter())
    await engine.dispatcher.runUntrusted('chat.snooze', { key: dd.key, preset: 'tomorrow' })
    const until = engine.store.get(dd.key)?.snoozedUntil ?? 0
    expect(until).toBeGreaterThan(NOW)
    expect(until - NOW).toBeLessThanOrEqual(33 * 3_600_000)
    expect(new Date(until).getHours()).toBe(9)
  })

  it('a failed server action changes nothing locally and returns the typed error', async () => {
    const snooze = vi.fn(async () => {
      throw new CommandFailure('source_error', 'HelpCrunch answered 500', 'internal_error')
    })
    const { engine, hc } = setup(fakeAdapter({ snooze }))
    const outcome = await engine.dispatcher.runUntrusted('chat.snooze', { key: hc.key, preset: '1h' })
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'source_error', message: 'HelpCrunch answered 500', sourceCode: 'internal_error' },
    })
    expect(engine.store.get(hc.key)).toEqual(hc)
  })

  it('an unexpected adapter exception becomes an internal error, not a crash', async () => {
    const { engine, hc } = setup(
      fakeAdapter({
        me: () => '7',
        assign: async () => {
          throw new TypeError('boom')
        },
      }),
    )
    expect(await engine.dispatcher.runUntrusted('chat.assign', { key: hc.key })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'chat.assign failed unexpectedly' },
    })
  })

  it('assign and status go to the adapter; sources without them answer "unsupported"', async () => {
    const assign = vi.fn(async (chat: Chat, id: string) => ({ ...chat, assignee: { id, name: 'Me', email: null } }))
    const { engine, hc, dd } = setup(fakeAdapter({ assign, me: () => '7' }))
    expect(await engine.dispatcher.runUntrusted('chat.assign', { key: hc.key })).toMatchObject({
      ok: true,
      result: { chat: { assignee: { id: '7' } } },
    })
    expect(assign).toHaveBeenCalledWith(hc, '7')
    expect(await engine.dispatcher.runUntrusted('chat.assign', { key: dd.key })).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    })
  })

  it('assigns to the actor the command names (the hub: the token\'s agent), never to this machine\'s "me"', async () => {
    const assign = vi.fn(async (chat: Chat, id: string) => ({ ...chat, assignee: { id, name: 'x', email: null } }))
    const { engine, hc } = setup(fakeAdapter({ assign, me: () => '7' }))
    const leo = { name: 'Leo', me: { helpcrunch: '4200' } }
    expect(await engine.dispatcher.run('chat.assign', { key: hc.key }, { actor: leo })).toMatchObject({
      ok: true,
      result: { chat: { assignee: { id: '4200' } } },
    })
    expect(assign).toHaveBeenLastCalledWith(expect.objectContaining({ key: hc.key }), '4200')
    // An actor with no id at this source is refused, whatever this machine's own "me" is; the adapter is not asked.
    const mes: Record<string, string | null>[] = [{}, { helpcrunch: null }, { deskdirector: '4200' }]
    for (const me of mes) {
      expect(await engine.dispatcher.run('chat.assign', { key: hc.key }, { actor: { name: 'Ana', me } })).toEqual({
        ok: false,
        error: { code: 'not_configured', message: "the team hub's tokens file names no helpcrunch id for Ana" },
      })
    }
    expect(assign).toHaveBeenCalledTimes(1)
  })

  it('without an actor or a "me" at the source, assign is refused before the adapter is asked', async () => {
    const assign = vi.fn()
    const { engine, hc } = setup(fakeAdapter({ assign, me: () => null }))
    expect(await engine.dispatcher.runUntrusted('chat.assign', { key: hc.key })).toMatchObject({
      ok: false,
      error: { code: 'not_configured', message: 'choose who you are at helpcrunch in settings first' },
    })
    expect(assign).not.toHaveBeenCalled()
  })

  it('unassigns through the adapter when asked, and says unsupported where it cannot', async () => {
    const unassign = vi.fn(async (chat: Chat) => ({ ...chat, assignee: null }))
    const assign = vi.fn()
    const { engine, hc, dd } = setup(fakeAdapter({ assign, unassign }))
    engine.store.apply({ ...hc, assignee: { id: '7', name: 'Me', email: null }, updatedAt: hc.updatedAt + 1 })
    expect(await engine.dispatcher.runUntrusted('chat.assign', { key: hc.key, unassign: true })).toMatchObject({
      ok: true,
      result: { chat: { assignee: null } },
    })
    expect(assign).not.toHaveBeenCalled()
    expect(engine.store.get(hc.key)?.assignee).toBeNull()
    expect(await engine.dispatcher.runUntrusted('chat.assign', { key: dd.key, unassign: true })).toMatchObject({
      ok: false,
      error: { code: 'unsupported', message: 'deskdirector chats cannot be unassigned from here' },
    })
  })

  it('marks read locally when the source has no read API', async () => {
    const { engine, dd } = setup()
    await engine.dispatcher.runUntrusted('chat.read', { key: dd.key })
    expect(engine.store.get(dd.key)?.unread).toBe(false)
  })

  it('open returns the web URL, or not_configured when there is none', async () => {
    const { engine, hc, dd } = setup()
    expect(await engine.dispatcher.runUntrusted('chat.open', { key: hc.key })).toEqual({
      ok: true,
      result: { url: 'https://acme.helpcrunch.com/inbox/chats/42' },
    })
    expect(await engine.dispatcher.runUntrusted('chat.open', { key: dd.key })).toMatchObject({
      ok: false,
      error: { code: 'not_configured' },
    })
  })

  it.each([
    ['an unknown command', 'chat.explode', {}, 'bad_command'],
    ['a non-string command', 42, {}, 'bad_command'],
    ['missing params', 'chat.snooze', { key: 'helpcrunch:42' }, 'invalid_params'],
    ['both until and preset', 'chat.snooze', { key: 'helpcrunch:42', until: NOW + 1, preset: '1h' }, 'invalid_params'],
    ['a snooze in the past', 'chat.snooze', { key: 'deskdirector:dd-1', until: NOW - 1 }, 'invalid_params'],
    ['an unknown chat', 'chat.read', { key: 'helpcrunch:999' }, 'not_found'],
    ['params that are not an object', 'chat.read', 'helpcrunch:42', 'invalid_params'],
  ])('answers %s with %s', async (_label, name, params, code) => {
    const { engine } = setup(fakeAdapter())
    expect(await engine.dispatcher.runUntrusted(name, params)).toMatchObject({ ok: false, error: { code } })
  })

  it('refresh reaches every refreshable source, or the one named', async () => {
    const refresh = vi.fn(async () => {})
    const { engine } = setup(fakeAdapter({ refresh }))
    expect(await engine.dispatcher.runUntrusted('sources.refresh', {})).toEqual({
      ok: true,
      result: { refreshed: ['helpcrunch'] },
    })
    expect(await engine.dispatcher.runUntrusted('sources.refresh', { source: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    expect(refresh).toHaveBeenCalledTimes(1)
  })

  it('an adapter cannot ingest chats of another source', () => {
    const { engine } = setup()
    expect(() => engine.contextFor('helpcrunch').ingest([makeChat({ source: 'deskdirector' })])).toThrow(
      /tried to ingest/,
    )
  })

  it('source status is emitted only when it changes', () => {
    const { engine } = setup()
    const seen: unknown[] = []
    engine.bus.on(['source.status'], (e) => seen.push(e.status.state))
    const ctx = engine.contextFor('helpcrunch')
    const status = { source: 'helpcrunch', state: 'ok' as const, message: null, warnings: [], lastOkAt: 1, at: 1 }
    ctx.reportStatus(status)
    ctx.reportStatus({ ...status, at: 2 })
    ctx.reportStatus({ ...status, state: 'offline', at: 3 })
    expect(seen).toEqual(['ok', 'offline'])
  })
})

describe('chat.claim and chat.open for the team layer', () => {
  it('alone, a claim is an assign to "me"; a desk that cannot assign says so', async () => {
    const assign = vi.fn(async (chat: Chat, who: string) => ({
      ...chat,
      assignee: { id: who, name: null, email: null },
    }))
    const { engine, hc, dd } = setup(fakeAdapter({ assign, me: () => '7' }))
    expect(await engine.dispatcher.run('chat.claim', { key: hc.key, version: hc.updatedAt })).toMatchObject({
      ok: true,
      result: { chat: { assignee: { id: '7' } } },
    })
    expect(assign).toHaveBeenCalledTimes(1)
    expect(await engine.dispatcher.run('chat.claim', { key: dd.key, version: dd.updatedAt })).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    })
  })

  it('on a hub desktop, claims through the source proxy (its claim), and notes the chat opened for presence', async () => {
    const claim = vi.fn(async (chat: Chat) => ({ ...chat, claim: { agent: 'Mia', since: NOW } }))
    const { engine, hc } = setup(fakeAdapter({ claim }))
    expect(await engine.dispatcher.run('chat.claim', { key: hc.key, version: 5 })).toMatchObject({
      ok: true,
      result: { chat: { claim: { agent: 'Mia' } } },
    })
    expect(claim).toHaveBeenCalledWith(hc, 5)
    await engine.dispatcher.run('chat.open', { key: hc.key })
    expect(engine.team.openChat).toEqual({ key: hc.key, at: NOW })
  })
})
