import { afterEach, describe, expect, it } from 'vitest'
import { createFakeHelpCrunch, type FakeHelpCrunch } from '../../electron/core/demo/fake-helpcrunch/server'
import type { ProtocolEvent } from '../../shared/protocol'
import { type HeadlessProcess, startHeadless } from '../helpers/headless'

const KEY = 'hc_process_test_key'
let host: HeadlessProcess | undefined
let fake: FakeHelpCrunch | undefined

afterEach(async () => {
  host?.child.kill('SIGKILL')
  host = undefined
  await fake?.close()
  fake = undefined
})

const chatEvent =
  (type: 'chat.added' | 'chat.changed', sourceId: number, also: (e: ProtocolEvent) => boolean = () => true) =>
  (e: ProtocolEvent) =>
    e.type === type && e.chat.sourceId === String(sourceId) && also(e)

describe('headless host with HelpCrunch (as a process, against the fake server over HTTP)', () => {
  it('announces open chats, follows a change at the server, and snoozes through PUT /chats/snooze', async () => {
    fake = createFakeHelpCrunch({ apiKey: KEY })
    const waiting = fake.db.addChat({ status: 'new' })
    const active = fake.db.addChat({ status: 'opened' })
    const closed = fake.db.addChat({ status: 'closed' })
    const url = await fake.listen()
    host = startHeadless([
      '--listen',
      '127.0.0.1:0',
      '--helpcrunch-url',
      url,
      '--helpcrunch-key',
      KEY,
      '--poll-seconds',
      '5',
    ])

    await host.waitFor(chatEvent('chat.added', waiting.id))
    await host.waitFor(chatEvent('chat.added', active.id))
    expect(host.events.some((e) => e.type === 'chat.added' && e.chat.sourceId === String(closed.id))).toBe(false)

    fake.db.message(active.id, 'Are you there?')
    const changed = await host.waitFor(
      chatEvent(
        'chat.changed',
        active.id,
        (e) => e.type === 'chat.changed' && e.chat.lastMessageText === 'Are you there?',
      ),
    )
    expect(changed).toMatchObject({
      chat: { unread: true, webUrl: `https://acme.helpcrunch.com/inbox/chats/${active.id}` },
    })

    const result = await host.command('chat.snooze', { key: `helpcrunch:${waiting.id}`, preset: '1h' })
    expect(result).toMatchObject({ ok: true })
    expect(fake.log.some((e) => e.method === 'PUT' && e.path === '/chats/snooze' && e.status === 200)).toBe(true)
    expect(waiting.snoozedUntil).not.toBeNull()
    const snoozed = await host.waitFor(
      chatEvent('chat.changed', waiting.id, (e) => e.type === 'chat.changed' && e.chat.snoozedUntil !== null),
    )
    expect(snoozed).toMatchObject({ type: 'chat.changed' })

    const statuses = host.events.filter((e) => e.type === 'source.status').map((e) => e.status.state)
    expect(statuses).toContain('ok')
    expect(host.stderr()).not.toContain(KEY)
  })

  it('reports auth-failed for a wrong key and disabled without one', async () => {
    fake = createFakeHelpCrunch({ apiKey: KEY })
    const url = await fake.listen()
    host = startHeadless(['--listen', '127.0.0.1:0', '--helpcrunch-url', url, '--helpcrunch-key', 'wrong'])
    await host.waitFor((e) => e.type === 'source.status' && e.status.state === 'auth-failed')
    host.child.kill('SIGKILL')
    host = startHeadless(['--listen', '127.0.0.1:0', '--helpcrunch-url', url])
    await host.waitFor(
      (e) => e.type === 'source.status' && e.status.source === 'helpcrunch' && e.status.state === 'disabled',
    )
  })
})
