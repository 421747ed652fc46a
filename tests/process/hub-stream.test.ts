import { request } from 'node:http'
import { connect, createServer, type Socket } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  AGENTS,
  ddChat,
  deliverDd,
  newAlertsFor,
  openStream,
  processesPerTest,
  readyUrl,
  startClient,
  startHub,
  waitForChat,
  writeTokens,
} from '../helpers/hub'

const scope = processesPerTest()
const { track } = scope
const TOKEN = AGENTS[0]?.token as string
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function hub(env: Record<string, string> = {}, listen?: string) {
  const dir = scope.dir('hub-stream')
  const host = track(
    startHub({ tokens: writeTokens(join(dir, 'tokens.json')), stateDir: join(dir, 'hub'), env, listen }),
  )
  return { host, url: await readyUrl(host) }
}
const addedKeys = (messages: { event?: string; data: unknown }[]) =>
  messages.filter((m) => m.event === 'chat.added').map((m) => (m.data as { chat: { key: string } }).chat.key)

describe('hub stream', () => {
  it('resumes with exactly the missed events (header and query), across a hub restart; too old gets a snapshot', async () => {
    const { host, url } = await hub({ CHAT_TRAY_HUB_REPLAY_EVENTS: '20' })
    const first = await openStream(url, TOKEN)
    const snapshot = await first.waitFor((m) => m.event === 'snapshot')
    await deliverDd(url, [ddChat('R1')])
    const seen = await first.waitFor((m) => m.event === 'chat.added')
    first.close()
    await deliverDd(url, [ddChat('R2'), ddChat('R3')])

    const resumed = await openStream(url, TOKEN, seen.id)
    await resumed.waitFor((m) => addedKeys([m]).includes('deskdirector:R3'))
    // No snapshot: exactly the changes after `seen` (chats and source statuses), in increasing id order (ids
    // follow the clock, so they need not be consecutive: a resume is by id, never by position).
    expect(resumed.messages.some((m) => m.event === 'snapshot')).toBe(false)
    expect(addedKeys(resumed.messages)).toEqual(['deskdirector:R2', 'deskdirector:R3'])
    const ids = [Number(seen.id), ...resumed.messages.map((m) => Number(m.id))]
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b))
    expect(Number(seen.id)).toBeGreaterThan(Number(snapshot.id))
    const firstAfterSeen = resumed.messages[0]?.id
    resumed.close()

    const byQuery = await fetch(`${url}/v1/stream?lastEventId=${seen.id}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    const reader = byQuery.body?.getReader()
    const chunk = new TextDecoder().decode((await reader?.read())?.value)
    expect(chunk).toContain(`id: ${firstAfterSeen}\nevent: `)
    expect(chunk).not.toContain('event: snapshot')
    await reader?.cancel()

    // The replay log lives in the state directory: a SIGKILLed and restarted hub still resumes exactly.
    host.child.kill('SIGKILL')
    await host.exited
    const again = await hub({ CHAT_TRAY_HUB_REPLAY_EVENTS: '20' }, `127.0.0.1:${new URL(url).port}`)
    const afterRestart = await openStream(again.url, TOKEN, seen.id)
    await afterRestart.waitFor((m) => addedKeys([m]).includes('deskdirector:R3'))
    expect(afterRestart.messages[0]).toMatchObject({ id: firstAfterSeen })
    expect(addedKeys(afterRestart.messages).slice(0, 2)).toEqual(['deskdirector:R2', 'deskdirector:R3'])
    afterRestart.close()

    // Past the log's 20 entries: a fresh snapshot instead.
    await deliverDd(
      again.url,
      Array.from({ length: 30 }, (_, i) => ddChat(`OLD${i}`)),
    )
    const tooOld = await openStream(again.url, TOKEN, seen.id)
    const fresh = await tooOld.waitFor(() => true)
    expect(fresh.event).toBe('snapshot')
    expect((fresh.data as { chats: unknown[] }).chats).toHaveLength(33)
    tooOld.close()
    const unknown = await openStream(again.url, TOKEN, '99999999999999')
    expect((await unknown.waitFor(() => true)).event).toBe('snapshot')
    unknown.close()
  }, 60_000)

  it('a stream cut in the middle of an event is resumed by the desktop: the chat arrives, alerted once', async () => {
    const { url } = await hub()
    const target = new URL(url)
    // A TCP relay that, once armed, passes half of the next chat event and then cuts both sides.
    let armed = false
    const resumeHeaders: string[] = []
    const relay = createServer((client: Socket) => {
      const upstream = connect(Number(target.port), target.hostname)
      client.on('data', (data: Buffer) => {
        const text = data.toString('latin1')
        const header = /last-event-id: *(\d+)/i.exec(text)
        if (header) resumeHeaders.push(header[1] as string)
        upstream.write(data)
      })
      upstream.on('data', (data: Buffer) => {
        const text = data.toString('latin1')
        if (armed && text.includes('event: chat.added')) {
          armed = false
          client.write(data.subarray(0, Math.floor(data.length / 2)))
          client.destroy()
          upstream.destroy()
          return
        }
        client.write(data)
      })
      client.on('error', () => upstream.destroy())
      upstream.on('error', () => client.destroy())
      client.on('close', () => upstream.destroy())
    })
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
    scope.onCleanup(() => relay.close())
    const relayUrl = `http://127.0.0.1:${(relay.address() as { port: number }).port}`
    const desktop = startClient(relayUrl, TOKEN, join(scope.dir('hub-stream'), 'desktop'))
    track(desktop)
    await desktop.waitFor((e) => e.type === 'source.status' && e.status.source === 'hub' && e.status.state === 'ok')
    await sleep(1000) // past the start-up summary
    armed = true
    await deliverDd(url, [ddChat('CUT')])
    await waitForChat(desktop, 'deskdirector:CUT')
    await sleep(2000)
    expect(armed).toBe(false)
    expect(resumeHeaders.length).toBeGreaterThanOrEqual(1)
    expect(newAlertsFor(desktop, 'deskdirector:CUT')).toBe(1)
    expect(desktop.events.filter((e) => e.type === 'chat.added' && e.chat.key === 'deskdirector:CUT')).toHaveLength(1)
  }, 60_000)

  it('drops a client that stops reading once its buffer budget is spent; it resumes with its last id', async () => {
    const { url } = await hub({ CHAT_TRAY_HUB_CLIENT_BUFFER_BYTES: '65536', CHAT_TRAY_HUB_REPLAY_EVENTS: '100000' })
    const target = new URL(url)
    let received = ''
    let closed = false
    const slow = request({
      host: target.hostname,
      port: target.port,
      path: '/v1/stream',
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    const response = await new Promise<import('node:http').IncomingMessage>((resolve) => {
      slow.on('response', resolve)
      slow.end()
    })
    response.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8')
    })
    response.on('close', () => {
      closed = true
    })
    await new Promise((r) => setTimeout(r, 200))
    response.pause()
    const title = 'x'.repeat(400)
    let sent = 0
    for (let round = 0; round < 400 && !closed; round++) {
      const batch = Array.from({ length: 50 }, (_, i) => ({
        ...ddChat(`SLOW${round}-${i}`),
        name: `${title} ${round}-${i}`,
      }))
      const answer = await deliverDd(url, batch).catch((error) => {
        throw new Error(`${error}\n${scope.processes[0]?.stderr().slice(-3000)}`)
      })
      expect(answer.status).toBe(200)
      sent += batch.length
      await sleep(5)
    }
    response.resume()
    await new Promise<void>((resolve) => (closed ? resolve() : response.on('close', () => resolve())))
    expect(closed).toBe(true)
    // Everything up to the last complete event was delivered; resume from there.
    const complete = received.slice(0, received.lastIndexOf('\n\n') + 2)
    const ids = [...complete.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))
    const lastId = ids.at(-1) as number
    const gotBefore = [...complete.matchAll(/"key":"(deskdirector:SLOW[^"]+)"/g)].map((m) => m[1])
    const resumed = await openStream(url, TOKEN, String(lastId))
    const last = `deskdirector:SLOW${Math.ceil(sent / 50) - 1}-49`
    await resumed.waitFor((m) => addedKeys([m]).includes(last), 30_000)
    expect(Number(resumed.messages[0]?.id)).toBeGreaterThan(lastId)
    const all = new Set([...gotBefore, ...addedKeys(resumed.messages)])
    expect(all.size).toBe(sent)
    resumed.close()
  }, 120_000)

  it('a desktop frozen like a sleeping laptop (SIGSTOP) catches up on waking: every missed chat, alerted once', async () => {
    const { url } = await hub()
    const desktop = startClient(url, TOKEN, join(scope.dir('hub-stream'), 'laptop'))
    track(desktop)
    await desktop.waitFor((e) => e.type === 'source.status' && e.status.source === 'hub' && e.status.state === 'ok')
    await sleep(1000) // past the start-up summary
    await deliverDd(url, [ddChat('BEFORE')])
    await waitForChat(desktop, 'deskdirector:BEFORE')
    desktop.child.kill('SIGSTOP')
    const missed = ['Z1', 'Z2', 'Z3']
    for (const id of missed) await deliverDd(url, [ddChat(id)])
    await sleep(11_000) // longer than the client's sleep gap (10 s)
    desktop.child.kill('SIGCONT')
    for (const id of missed) await waitForChat(desktop, `deskdirector:${id}`)
    await sleep(2500) // past the batch window: a duplicate would show now
    for (const key of ['BEFORE', ...missed].map((id) => `deskdirector:${id}`)) {
      expect({ key, alerts: newAlertsFor(desktop, key) }).toEqual({ key, alerts: 1 })
      expect(desktop.events.filter((e) => e.type === 'chat.added' && e.chat.key === key)).toHaveLength(1)
    }
    // Waking was noticed: the stream was reopened at once (the log says why).
    expect(desktop.stderr()).toContain('the machine slept')
  }, 60_000)
})
