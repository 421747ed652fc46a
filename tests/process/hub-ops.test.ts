/**
 * The hub process as whoever runs it sees it: `--metrics-listen` scraped from outside after a stream connected and
 * a delivery was published (the documented names, exact), JSON log lines from start to a SIGTERM's drain and
 * stop, and bad values of the new flag and variable refused with exit code 2.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ProtocolEvent } from '../../shared/protocol'
import {
  AGENTS,
  ddChat,
  deliverDd,
  openStream,
  processesPerTest,
  readyUrl,
  startHub,
  writeTokens,
} from '../helpers/hub'

const scope = processesPerTest()
const TOKEN = AGENTS[0]?.token as string

/** The value of `series` (exactly as exposed, labels included) in a scrape, or null when absent. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? null : Number(line.slice(series.length + 1))
}

describe('the hub for whoever runs it', () => {
  it('serves /ready and, on --metrics-listen, the documented metrics after a stream and a delivery', async () => {
    const dir = scope.dir('hub-ops')
    const host = scope.track(
      startHub({
        tokens: writeTokens(join(dir, 'tokens.json')),
        stateDir: join(dir, 'hub'),
        env: { CHAT_TRAY_METRICS_LISTEN: '127.0.0.1:0', CHAT_TRAY_LOG_FORMAT: 'json' },
      }),
    )
    const url = await readyUrl(host)
    const ready = await host.waitFor<Extract<ProtocolEvent, { type: 'ready' }>>((e) => e.type === 'ready')
    const metricsUrl = (ready as unknown as { metrics: string }).metrics
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/)
    await expect.poll(async () => (await fetch(`${url}/ready`)).status, { timeout: 10_000 }).toBe(200)
    expect(await (await fetch(`${url}/ready`)).json()).toMatchObject({ ready: true, role: 'single', store: 'none' })

    const stream = await openStream(url, TOKEN)
    scope.onCleanup(() => stream.close())
    await stream.waitFor((m) => m.event === 'snapshot')
    expect((await deliverDd(url, [ddChat('M1')])).status).toBe(200)
    await stream.waitFor((m) => m.event === 'chat.added')

    const scrape = await fetch(metricsUrl)
    expect(scrape.status).toBe(200)
    const text = await scrape.text()
    expect(sample(text, 'chat_tray_hub_streams')).toBe(1)
    expect(sample(text, 'chat_tray_hub_events_published_total{event="chat.added"}')).toBe(1)
    expect(sample(text, 'chat_tray_hub_fanout_seconds_count')).toBeGreaterThanOrEqual(1)
    expect(sample(text, 'chat_tray_webhook_deliveries_total{route="/webhooks/deskdirector",result="accepted"}')).toBe(1)
    expect(sample(text, 'chat_tray_hub_leader')).toBe(1)
    expect(sample(text, 'chat_tray_hub_store_roundtrip_seconds_count')).toBe(0)
    for (const agent of AGENTS) {
      expect(text).not.toContain(agent.token)
      expect(text).not.toContain(agent.agent)
    }
    // On the listener the same text needs a hub token.
    expect((await fetch(`${url}/metrics`)).status).toBe(401)
    const withToken = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(sample(await withToken.text(), 'chat_tray_hub_streams')).toBe(1)

    // The log: one JSON object per line, the stream's open among them, no token anywhere.
    const lines = host
      .stderr()
      .split('\n')
      .filter((l) => l !== '')
    const entries = lines.map((line) => JSON.parse(line) as { level: string; msg: string; streams?: number })
    expect(entries.map((e) => e.msg)).toEqual(expect.arrayContaining(['hub cluster state', 'hub serving']))
    expect(entries).toContainEqual(expect.objectContaining({ msg: 'hub stream opened', streams: 1 }))
    expect(host.stderr()).not.toContain(TOKEN)
  })

  it('on SIGTERM says it drains (/ready 503, proven in process by hub-drain.test.ts) before it stops, exit 0', async () => {
    const dir = scope.dir('hub-ops-drain')
    const host = scope.track(
      startHub({
        tokens: writeTokens(join(dir, 'tokens.json')),
        stateDir: join(dir, 'hub'),
        env: { CHAT_TRAY_LOG_FORMAT: 'json' },
      }),
    )
    const url = await readyUrl(host)
    await expect.poll(async () => (await fetch(`${url}/ready`)).status, { timeout: 10_000 }).toBe(200)
    host.child.kill('SIGTERM')
    expect(await host.exited).toBe(0)
    const said = host
      .stderr()
      .split('\n')
      .filter((l) => l !== '')
      .map((line) => (JSON.parse(line) as { msg: string }).msg)
    const order = ['stopping', 'hub draining: /ready answers 503', 'hub stopped'].map((msg) => said.indexOf(msg))
    expect(order.every((at) => at >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
  })

  it('refuses a malformed --metrics-listen or CHAT_TRAY_LOG_FORMAT with exit code 2 and says which', async () => {
    const dir = scope.dir('hub-ops-bad')
    const tokens = writeTokens(join(dir, 'tokens.json'))
    const flag = scope.track(startHub({ tokens, stateDir: dir, env: { CHAT_TRAY_METRICS_LISTEN: 'everywhere' } }))
    expect(await flag.exited).toBe(2)
    expect(flag.stderr()).toContain('--metrics-listen: expected PORT or HOST:PORT (port 0-65535), got "everywhere"')
    const format = scope.track(startHub({ tokens, stateDir: dir, env: { CHAT_TRAY_LOG_FORMAT: 'xml' } }))
    expect(await format.exited).toBe(2)
    expect(format.stderr()).toContain('CHAT_TRAY_LOG_FORMAT: expected "text" or "json", got "xml"')
  })
})
