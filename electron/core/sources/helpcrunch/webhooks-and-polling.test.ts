/**
 * The ordering rule across HelpCrunch's two paths (docs/helpcrunch.md, "Ordering: webhooks and polling"), end to
 * end: the fake serves the documented chat model (no `updatedAt`, REST times in whole seconds) and sends
 * documented webhooks (times with milliseconds); the runtime wires the poller, the webhook route, the store and
 * the alert policy as the app does.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startHelpCrunchWorld } from '../../../../tests/helpers/helpcrunch'
import { chatWebhook, messageWebhook } from '../../demo/fake-helpcrunch/webhooks'

const T0 = Date.parse('2026-03-02T09:00:00.250Z')

beforeEach(() => vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] }))
afterEach(() => vi.useRealTimers())

/** Lets the world run for `ms` of fake time (the listener's sockets run on real time meanwhile). */
async function run(ms: number) {
  for (let done = 0; done < ms; done += 250) {
    await vi.advanceTimersByTimeAsync(250)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

describe('HelpCrunch: webhooks and polling, one ordering rule', () => {
  it('a webhook, then an assignment to me without a message: assignee and assigned-to-me alert within one poll', async () => {
    const world = await startHelpCrunchWorld({ setup: (fake) => fake.db.addChat({ id: 500, status: 'opened' }) })
    try {
      await run(2_000)
      world.fake.db.message(500, 'Are you there?')
      expect((await world.deliver(messageWebhook(world.fake.db, 500))).json).toMatchObject({ applied: 1 })
      expect(world.chat(500)?.lastMessageText).toBe('Are you there?')
      await run(3_000)
      world.fake.db.update(500, { assignee: 4188 }) // a supervisor assigns it to me in HelpCrunch, writing nothing
      await run(15_000) // one poll interval
      expect(world.chat(500)?.assignee).toMatchObject({ id: '4188' })
      expect(
        world
          .alerts()
          .filter((a) => a.kind === 'assigned-to-me')
          .flatMap((a) => a.chatKeys),
      ).toEqual(['helpcrunch:500'])
    } finally {
      await world.stop()
    }
  })

  it('a webhook, then a manual "pending" in HelpCrunch: the tray shows pending within one poll', async () => {
    const world = await startHelpCrunchWorld({ setup: (fake) => fake.db.addChat({ id: 501, status: 'new' }) })
    try {
      await run(2_000)
      world.fake.db.update(501, { status: 'opened', assignee: 4200 })
      expect((await world.deliver(chatWebhook(world.fake.db, 'chat.assigned', 501))).json).toMatchObject({ applied: 1 })
      await run(3_000)
      world.fake.db.update(501, { status: 'pending' })
      await run(15_000)
      expect(world.chat(501)).toMatchObject({ state: 'pending', rawStatus: 'pending' })
    } finally {
      await world.stop()
    }
  })

  it('a webhook set "pending", then the customer writes and HelpCrunch reopens the chat: active within one poll (E2)', async () => {
    const world = await startHelpCrunchWorld({ setup: (fake) => fake.db.addChat({ id: 503, status: 'opened' }) })
    try {
      await run(2_000)
      world.fake.db.update(503, { status: 'pending' })
      expect((await world.deliver(chatWebhook(world.fake.db, 'chat.status_updated', 503))).json).toMatchObject({
        applied: 1,
      })
      expect(world.chat(503)?.state).toBe('pending')
      world.fake.db.message(503, 'One more question')
      world.fake.db.update(503, { status: 'opened' }) // no webhook for either
      await run(15_000)
      expect(world.chat(503)).toMatchObject({ state: 'active', lastMessageText: 'One more question', unread: true })
    } finally {
      await world.stop()
    }
  })

  it('chat.new: the row gets its message text from the GET /chats/{id} the webhook triggers', async () => {
    const world = await startHelpCrunchWorld()
    try {
      await run(2_000)
      world.fake.db.addChat({ id: 502, lastMessageText: 'My order never arrived' })
      const before = world.fake.log.length
      expect((await world.deliver(chatWebhook(world.fake.db, 'chat.new', 502))).json).toMatchObject({ applied: 1 })
      await run(250)
      // The chat came from the webhook, and the text from the fetch it triggered, before any poll.
      expect(world.fake.log.slice(before).map((e) => `${e.method} ${e.path}`)).toEqual(['GET /chats/502'])
      expect(world.chat(502)).toMatchObject({ state: 'waiting', lastMessageText: 'My order never arrived' })
    } finally {
      await world.stop()
    }
  })
})
