import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../shared/settings'
import { memoryRuntime } from '../../../tests/helpers/runtime'
import { ddSession, ddSignature, send, startTestListener, type TestListener } from '../../../tests/helpers/webhooks'

const secret = 'dd-secret-0123456789abcdefghijkl'
let t: TestListener | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

/** Opens a raw TCP connection to the listener and writes `head`; returns the socket and everything it reads. */
function rawClient(url: string, head: string): { socket: Socket; received: Promise<string> } {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  socket.write(head)
  let text = ''
  socket.on('data', (chunk) => {
    text += chunk
  })
  const received = new Promise<string>((resolve) => {
    socket.on('close', () => resolve(text))
    socket.on('error', () => resolve(text))
  })
  return { socket, received }
}

describe('webhook listener', () => {
  it('answers unknown paths 404 and wrong methods 405 with an Allow header', async () => {
    t = await startTestListener({ secrets: { 'deskdirector.secrets': secret } })
    expect((await send(t.url, { path: '/nope', body: '[]' })).status).toBe(404)
    const get = await send(t.url, { method: 'GET', path: '/webhooks/deskdirector' })
    expect(get).toMatchObject({ status: 405, headers: { allow: 'POST' } })
    expect((await send(t.url, { method: 'PUT', path: '/webhooks/helpcrunch', body: '{}' })).status).toBe(405)
    expect((await send(t.url, { method: 'POST', path: '/health' })).status).toBe(405)
  })

  it('reports listener and per-source health without secrets', async () => {
    t = await startTestListener({
      secrets: { 'deskdirector.secrets': secret, 'helpcrunch.signingKey': 'hc-key-that-is-secret' },
    })
    const health = await send(t.url, { method: 'GET', path: '/health' })
    expect(health.status).toBe(200)
    expect(health.json).toMatchObject({
      ok: true,
      listener: { host: '127.0.0.1', port: Number(new URL(t.url).port) },
      sources: expect.arrayContaining([expect.objectContaining({ source: 'deskdirector', state: 'ok', warnings: [] })]),
    })
    expect((health.json as { listener: { routes: string[] } }).listener.routes).toEqual(
      expect.arrayContaining(['/webhooks/deskdirector', '/webhooks/helpcrunch']),
    )
    const text = JSON.stringify(health.json)
    expect(text).not.toContain(secret)
    expect(text).not.toContain('hc-key-that-is-secret')
  })

  it('counts refused HelpCrunch deliveries (no signing key) in /health instead of warning', async () => {
    t = await startTestListener()
    const refused = await send(t.url, {
      path: '/webhooks/helpcrunch',
      body: '{"event":"chat.new","eventData":{},"id":"1"}',
    })
    expect(refused.status).toBe(403)
    const health = (await send(t.url, { method: 'GET', path: '/health' })).json as {
      listener: { refused: Record<string, number> }
      sources: { source: string; warnings: string[] }[]
    }
    expect(health.sources.find((s) => s.source === 'helpcrunch')?.warnings ?? []).toEqual([])
    expect(health.listener.refused).toEqual({ host: 0, origin: 0, signature: 0, unconfigured: 1 })
  })

  it('serves only loopback Host names and the configured public hosts (DNS rebinding)', async () => {
    t = await startTestListener({ secrets: { 'deskdirector.secrets': secret } })
    const at = (host: string) => send(t?.url as string, { method: 'GET', path: '/health', headers: { host } })
    expect((await at('evil.example:4757')).status).toBe(421)
    expect((await at('localhost:4757')).status).toBe(200)
    expect((await at('[::1]:4757')).status).toBe(200)
    expect((await at('chat.example.com')).status).toBe(421)
    t.runtime.options.settings.update({ listener: { publicHosts: ['chat.example.com'] } })
    expect((await at('CHAT.example.com')).status).toBe(200)
    const health = await at('localhost')
    expect(health.json).toMatchObject({ listener: { refused: { host: 2 } } })
  })

  it('refuses webhook requests that carry an Origin header (a web page)', async () => {
    t = await startTestListener({ secrets: { 'deskdirector.secrets': secret } })
    const body = JSON.stringify([ddSession()])
    const answer = await send(t.url, {
      path: '/webhooks/deskdirector',
      body,
      headers: { origin: 'https://evil.example', 'x-dd-signature': ddSignature(body, secret) },
    })
    expect(answer.status).toBe(403)
    expect(t.chats()).toEqual([])
  })

  it('answers 413 to a declared oversized body without reading it', async () => {
    t = await startTestListener({ secrets: { 'deskdirector.secrets': secret } })
    const { socket, received } = rawClient(
      t.url,
      'POST /webhooks/deskdirector HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2000000\r\n\r\n[',
    )
    expect(await received).toMatch(/^HTTP\/1\.1 413 /)
    socket.destroy()
  })

  it('answers 413 to a chunked body that grows past 1 MiB, and applies nothing', async () => {
    t = await startTestListener({ secrets: { 'deskdirector.secrets': secret } })
    const session = JSON.stringify(ddSession())
    const items = Array.from({ length: Math.ceil((1024 * 1024) / session.length) + 1 }, () => session)
    const body = `[${items.join(',')}]`
    expect(body.length).toBeGreaterThan(1024 * 1024)
    const answer = await send(t.url, {
      path: '/webhooks/deskdirector',
      body,
      headers: { 'transfer-encoding': 'chunked', 'x-dd-signature': ddSignature(body, secret) },
    })
    expect(answer).toMatchObject({ status: 413, json: { error: expect.stringMatching(/larger than 1048576/) } })
    expect(t.chats()).toEqual([])
  })

  it('times out a body that drips one byte at a time (408) while serving others', async () => {
    t = await startTestListener({
      secrets: { 'deskdirector.secrets': secret },
      limits: { bodyTimeoutMs: 300, headersTimeoutMs: 2000, requestTimeoutMs: 5000 },
    })
    const body = JSON.stringify([ddSession()])
    const { socket, received } = rawClient(
      t.url,
      `POST /webhooks/deskdirector HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${body.length}\r\nx-dd-signature: ${ddSignature(body, secret)}\r\n\r\n`,
    )
    let sent = 0
    const drip = setInterval(() => {
      if (!socket.destroyed && sent < body.length) socket.write(body[sent++] as string)
    }, 100)
    // While the slow client holds its connection, a normal delivery goes through at once.
    const other = JSON.stringify([ddSession({ id: 'fast-1' })])
    const fast = await send(t.url, {
      path: '/webhooks/deskdirector',
      body: other,
      headers: { 'x-dd-signature': ddSignature(other, secret) },
    })
    expect(fast.status).toBe(200)
    const answer = await received
    clearInterval(drip)
    expect(answer).toMatch(/^HTTP\/1\.1 408 /)
    expect(answer).toContain('not received within 300 ms')
    expect(t.chats().map((c) => c.sourceId)).toEqual(['fast-1'])
  })

  it('drops a client that drips its headers', async () => {
    t = await startTestListener({ limits: { headersTimeoutMs: 200, requestTimeoutMs: 400 } })
    const { socket, received } = rawClient(t.url, 'POST /webhooks/deskdirector HTTP/1.1\r\n')
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write('X')
    }, 50)
    const answer = await received
    clearInterval(drip)
    expect(answer === '' || /^HTTP\/1\.1 408 /.test(answer)).toBe(true)
    expect((await send(t.url, { method: 'GET', path: '/health' })).status).toBe(200)
  })

  it('destroys the socket of a body that timed out, once the 408 is out', async () => {
    t = await startTestListener({ limits: { bodyTimeoutMs: 100, headersTimeoutMs: 2000, requestTimeoutMs: 5000 } })
    let serverSocket: Socket | null = null
    t.runtime.listener.server.on('request', (req) => {
      serverSocket = req.socket
    })
    const { socket, received } = rawClient(
      t.url,
      'POST /webhooks/deskdirector HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n[',
    )
    const answered = new Promise<void>((resolve) => socket.once('data', () => resolve()))
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write(' ')
    }, 20)
    await answered
    await new Promise((resolve) => setImmediate(resolve))
    // Not left open draining a sender that keeps dripping.
    expect((serverSocket as Socket | null)?.destroyed).toBe(true)
    clearInterval(drip)
    socket.destroy()
    await received
  })

  it('limits a slow body on an unknown path like one on a route (408, closed)', async () => {
    t = await startTestListener({ limits: { bodyTimeoutMs: 100, headersTimeoutMs: 2000, requestTimeoutMs: 60_000 } })
    const { socket, received } = rawClient(
      t.url,
      'POST /nope HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n[',
    )
    expect(await received).toMatch(/^HTTP\/1\.1 408 /)
    socket.destroy()
  })

  it('answers 503 with Retry-After while the bodies in flight hold the whole byte budget', async () => {
    t = await startTestListener({
      secrets: { 'deskdirector.secrets': secret },
      limits: { maxInFlightBodyBytes: 1000, bodyTimeoutMs: 5000 },
    })
    // One sender holds 900 bytes of a body it does not finish.
    const holder = rawClient(
      t.url,
      `POST /webhooks/deskdirector HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 950\r\n\r\n${' '.repeat(900)}`,
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    const body = JSON.stringify([ddSession()])
    const headers = { 'x-dd-signature': ddSignature(body, secret) }
    const refused = await send(t.url, { path: '/webhooks/deskdirector', body, headers })
    expect(refused).toMatchObject({ status: 503, headers: { 'retry-after': '1' } })
    holder.socket.destroy()
    await holder.received
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await send(t.url, { path: '/webhooks/deskdirector', body, headers })).status).toBe(200)
  })

  it('holds at most maxConnections connections open', async () => {
    t = await startTestListener({ limits: { maxConnections: 2 } })
    const open = [rawClient(t.url, 'POST /x HTTP/1.1\r\n'), rawClient(t.url, 'POST /x HTTP/1.1\r\n')]
    await new Promise((resolve) => setTimeout(resolve, 50))
    const extra = rawClient(t.url, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
    expect(await extra.received).toBe('')
    for (const client of open) client.socket.destroy()
    await Promise.all(open.map((c) => c.received))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await send(t.url, { method: 'GET', path: '/health' })).status).toBe(200)
  })

  it('will not bind beyond loopback unless listener.allowRemote is set', async () => {
    const settings = defaultSettings()
    settings.listener.host = '0.0.0.0'
    settings.listener.port = 0
    const { runtime } = memoryRuntime(settings)
    await expect(runtime.start()).rejects.toThrow(/listener\.allowRemote/)
    expect(runtime.listener.server.listening).toBe(false)
    await runtime.stop()
  })
})
