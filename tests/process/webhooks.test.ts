import { afterEach, describe, expect, it } from 'vitest'
import type { ProtocolEvent } from '../../shared/protocol'
import { type HeadlessProcess, startHeadless } from '../helpers/headless'
import { deskDirectorSeedBody } from '../helpers/seeds'
import { ddSignature, send } from '../helpers/webhooks'

const secret = 'process-test-secret-0123456789ab'
let host: HeadlessProcess | undefined
afterEach(() => {
  host?.child.kill('SIGKILL')
  host = undefined
})

const chatEvents = (events: ProtocolEvent[]) =>
  events.filter((e) => e.type === 'chat.added' || e.type === 'chat.changed')

describe('headless host receiving DeskDirector webhooks', () => {
  it('turns signed seed deliveries into chat events and refuses unsigned or badly signed ones', async () => {
    host = startHeadless([
      '--listen',
      '127.0.0.1:0',
      '--deskdirector-secret',
      'other-webhook-secret',
      '--deskdirector-secret',
      secret,
    ])
    const { listen } = (await host.waitFor((e) => e.type === 'ready')) as { listen: string }
    const path = '/webhooks/deskdirector'

    // The seed session, re-timed as a waiting chat, then the seed itself (completed, later): added, then changed.
    const seed = deskDirectorSeedBody()
    const waiting = seed
      .replace('"status": "completed"', '"status": "created"')
      .replace('2018-06-29T06:07:27.3929346Z', '2018-06-28T05:15:45.7824134Z')
    expect(waiting).not.toBe(seed)
    const first = await send(listen, {
      path,
      body: waiting,
      headers: { 'x-dd-signature': ddSignature(waiting, secret) },
    })
    expect(first).toMatchObject({ status: 200, json: { applied: 1 } })
    const added = await host.waitFor((e) => e.type === 'chat.added')
    expect(added).toMatchObject({ chat: { key: 'deskdirector:1530162945-9852', state: 'waiting' } })

    const unsigned = await send(listen, { path, body: seed })
    const badlySigned = await send(listen, {
      path,
      body: seed,
      headers: { 'x-dd-signature': ddSignature(seed, 'wrong') },
    })
    const otherBody = await send(listen, {
      path,
      body: seed,
      headers: { 'x-dd-signature': ddSignature(waiting, secret) },
    })
    expect([unsigned.status, badlySigned.status, otherBody.status]).toEqual([401, 401, 401])

    const second = await send(listen, {
      path,
      body: seed,
      headers: { 'x-dd-signature': ddSignature(seed, secret, 'base64') },
    })
    expect(second).toMatchObject({ status: 200, json: { applied: 1 } })
    const changed = await host.waitFor((e) => e.type === 'chat.changed')
    expect(changed).toMatchObject({ chat: { state: 'closed' }, previous: { state: 'waiting' } })

    // The refused deliveries changed nothing: exactly the two signed ones produced chat events.
    expect(chatEvents(host.events).map((e) => e.type)).toEqual(['chat.added', 'chat.changed'])
    const snapshot = await host.command('snapshot.get')
    expect(snapshot).toMatchObject({ ok: true, result: { chats: [{ state: 'closed' }] } })
    const health = await send(listen, { method: 'GET', path: '/health' })
    expect(JSON.stringify(health.json)).not.toContain(secret)
  })
})
