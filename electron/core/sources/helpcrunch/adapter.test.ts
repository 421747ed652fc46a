import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defaultSettings } from '../../../../shared/settings'
import { helpCrunchRig, TEST_KEY } from '../../../../tests/helpers/helpcrunch'
import { memoryRuntime } from '../../../../tests/helpers/runtime'
import { createFakeHelpCrunch } from '../../demo/fake-helpcrunch/server'
import { registerSources } from '../registry'

const T0 = 1_700_000_000_000

beforeEach(() => vi.useFakeTimers({ now: T0 }))
afterEach(() => vi.useRealTimers())

async function started(options: Parameters<typeof helpCrunchRig>[0] = {}) {
  const rig = helpCrunchRig(options)
  const chat = rig.fake.db.addChat({ id: 500, status: 'new' })
  await rig.adapter.start()
  await vi.advanceTimersByTimeAsync(10)
  const dispatch = (command: string, params: Record<string, unknown>) =>
    rig.engine.dispatcher.runUntrusted(command, params)
  return { ...rig, chat, key: 'helpcrunch:500', dispatch }
}

describe('HelpCrunch quick actions', () => {
  it('snooze and unsnooze go to PUT /chats/snooze and the answer is applied at once', async () => {
    const rig = await started()
    const result = await rig.dispatch('chat.snooze', { key: rig.key, preset: '1h' })
    expect(result.ok).toBe(true)
    // The server keeps whole seconds; the engine's local mirror keeps the exact time.
    expect(rig.engine.store.get(rig.key)?.snoozedUntil).toBe(T0 + 10 + 3_600_000)
    expect(rig.chat.snoozedUntil).toBe(T0 / 1000 + 3600)
    expect(rig.fake.log.at(-1)).toMatchObject({ method: 'PUT', path: '/chats/snooze', status: 200 })
    await rig.dispatch('chat.unsnooze', { key: rig.key })
    expect(rig.chat.snoozedUntil).toBeNull()
    expect(rig.engine.store.get(rig.key)?.snoozedUntil).toBeNull()
  })

  it('assigns to the configured agent, sets the status and marks read', async () => {
    const rig = await started()
    expect(await rig.dispatch('chat.assign', { key: rig.key })).toMatchObject({
      ok: true,
      result: { chat: { assignee: { id: '4188', name: 'Ana Agent' } } },
    })
    expect(await rig.dispatch('chat.status', { key: rig.key, status: 'on hold' })).toMatchObject({
      ok: true,
      result: { chat: { state: 'on-hold' } },
    })
    expect(rig.engine.store.get(rig.key)?.unread).toBe(true)
    await rig.dispatch('chat.read', { key: rig.key })
    expect(rig.chat.readByAgent).toBe(true)
    expect(rig.engine.store.get(rig.key)?.unread).toBe(false)
  })

  it('unassigns with PUT /chats/assignee and a null assignee', async () => {
    const rig = await started()
    await rig.dispatch('chat.assign', { key: rig.key })
    expect(await rig.dispatch('chat.assign', { key: rig.key, unassign: true })).toMatchObject({
      ok: true,
      result: { chat: { assignee: null } },
    })
    expect(rig.fake.log.at(-1)).toMatchObject({ method: 'PUT', path: '/chats/assignee', status: 200 })
    expect(rig.chat.assignee).toBeNull()
  })

  it('a rate-limited action says how long HelpCrunch asked to wait', async () => {
    const rig = await started()
    rig.fake.faults.config.retryAfterSeconds = 40
    rig.fake.faults.queue.push('rate-limit', 'rate-limit', 'rate-limit', 'rate-limit')
    const outcome = rig.dispatch('chat.assign', { key: rig.key })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(await outcome).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: 40_000 } })
  })

  it('assign without a chosen agent fails not_configured and sends nothing', async () => {
    const rig = await started({ agentId: null })
    const before = rig.requests()
    expect(await rig.dispatch('chat.assign', { key: rig.key })).toMatchObject({
      ok: false,
      error: { code: 'not_configured' },
    })
    expect(rig.requests()).toBe(before)
  })

  it('a failed action is reported with a clear code and changes nothing locally', async () => {
    const rig = await started()
    const before = rig.engine.store.get(rig.key)
    rig.fake.faults.queue.push('server-error')
    expect(await rig.dispatch('chat.snooze', { key: rig.key, preset: '1h' })).toMatchObject({
      ok: false,
      error: { code: 'source_error', sourceCode: 'internal_error' },
    })
    rig.fake.faults.queue.push('malformed')
    expect(await rig.dispatch('chat.status', { key: rig.key, status: 'closed' })).toMatchObject({
      ok: false,
      error: { code: 'source_error' },
    })
    // Not a status in any documented spelling nor a unified state: refused here, without a request.
    const sent = rig.requests()
    expect(await rig.dispatch('chat.status', { key: rig.key, status: 'bogus' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', message: expect.stringContaining('"bogus" is not a status') },
    })
    expect(rig.requests()).toBe(sent)
    expect(rig.engine.store.get(rig.key)).toEqual(before)
  })

  it('an action on a chat deleted at HelpCrunch removes it and answers not_found', async () => {
    const rig = await started()
    rig.fake.db.delete(500)
    expect(await rig.dispatch('chat.read', { key: rig.key })).toMatchObject({
      ok: false,
      error: { code: 'not_found', sourceCode: 'not_fount' }, // the mark-read page's documented 404 code
    })
    expect(rig.engine.store.get(rig.key)).toBeUndefined()
    expect(rig.events.at(-1)).toMatchObject({ type: 'chat.removed', reason: 'deleted' })
  })
})

describe('HelpCrunch adapter', () => {
  it('builds the open link from the template and the organisation domain (or the configured one)', async () => {
    const rig = await started()
    expect(await rig.dispatch('chat.open', { key: rig.key })).toEqual({
      ok: true,
      result: { url: 'https://acme.helpcrunch.com/inbox/chats/500' },
    })
    expect(rig.engine.store.get(rig.key)?.webUrl).toBe('https://acme.helpcrunch.com/inbox/chats/500')
    rig.settings.update({
      helpcrunch: { domain: 'mediangrp', webUrlTemplate: 'https://{domain}.helpcrunch.com/v2/chats/{id}' },
    })
    expect(await rig.dispatch('chat.open', { key: rig.key })).toMatchObject({
      result: { url: 'https://mediangrp.helpcrunch.com/v2/chats/500' },
    })
  })

  it('fetchChat ingests one chat and removes it on 404', async () => {
    const rig = await started()
    rig.fake.db.addChat({ id: 777 })
    await rig.adapter.fetchChat('777')
    expect(rig.engine.store.get('helpcrunch:777')).toMatchObject({ state: 'waiting' })
    rig.fake.db.delete(777)
    await expect(rig.adapter.fetchChat('777')).rejects.toMatchObject({ code: 'not_found' })
    expect(rig.engine.store.get('helpcrunch:777')).toBeUndefined()
  })

  it('testConnection reports success and a rejected key without throwing', async () => {
    const rig = await started()
    expect(await rig.adapter.testConnection()).toEqual({
      ok: true,
      message: 'connected to HelpCrunch (acme.helpcrunch.com)',
    })
    const bad = helpCrunchRig({ key: 'nope' })
    await bad.adapter.start()
    const result = await bad.adapter.testConnection()
    expect(result.ok).toBe(false)
    expect(result.message).toMatch(/HTTP 401/)
    expect(result.message).not.toContain('nope')
  })

  it('is registered disabled without a key, and a key set later starts it without a restart', async () => {
    const fake = createFakeHelpCrunch({ apiKey: TEST_KEY })
    fake.db.addChat({ id: 9 })
    const settings = defaultSettings()
    settings.helpcrunch.apiUrl = 'http://127.0.0.1:9/v1'
    const { runtime } = memoryRuntime(settings, {}, { fetch: fake.fetch })
    registerSources(runtime)
    const adapter = runtime.engine.adapters.get('helpcrunch')
    await adapter?.start()
    expect(adapter?.status().state).toBe('disabled')
    expect(fake.log).toEqual([])
    await runtime.engine.dispatcher.runUntrusted('secrets.set', { name: 'helpcrunch.apiKey', value: TEST_KEY })
    await vi.advanceTimersByTimeAsync(10)
    expect(runtime.engine.store.get('helpcrunch:9')).toBeDefined()
    expect(adapter?.status().state).toBe('ok')
    // A budget change applies in place (no reload); a new key restarts with a fresh full load.
    const searches = () => fake.log.filter((e) => e.path === '/chats/search').length
    await runtime.engine.dispatcher.runUntrusted('settings.update', {
      patch: { helpcrunch: { requestsPerMinute: 60 } },
    })
    await vi.advanceTimersByTimeAsync(10)
    expect(searches()).toBe(1)
    await runtime.engine.dispatcher.runUntrusted('secrets.set', { name: 'helpcrunch.apiKey', value: 'other-key' })
    await vi.advanceTimersByTimeAsync(10)
    expect(adapter?.status().state).toBe('auth-failed')
    await adapter?.stop()
  })
})

describe('HelpCrunch polling paused (a hub that is not the leader)', () => {
  it('polls nothing while paused, still runs quick actions, and polls again when resumed', async () => {
    const rig = helpCrunchRig({})
    rig.fake.db.addChat({ id: 600, status: 'new' })
    rig.adapter.setPolling(false)
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(60_000)
    const chatReads = () => rig.fake.log.filter((e) => e.method === 'GET' && e.path.startsWith('/chats')).length
    expect(chatReads()).toBe(0)
    expect(rig.engine.store.get('helpcrunch:600')).toBeUndefined()
    rig.adapter.setPolling(true)
    await vi.advanceTimersByTimeAsync(10)
    expect(chatReads()).toBeGreaterThan(0)
    expect(rig.engine.store.get('helpcrunch:600')).toBeDefined()
    rig.adapter.setPolling(false)
    await vi.advanceTimersByTimeAsync(10)
    const after = chatReads()
    await vi.advanceTimersByTimeAsync(120_000)
    expect(chatReads()).toBe(after)
    const snooze = await rig.engine.dispatcher.runUntrusted('chat.snooze', { key: 'helpcrunch:600', preset: '1h' })
    expect(snooze.ok).toBe(true)
    await rig.adapter.stop()
  })
})
