/**
 * The operator's routes of a real hub, in process: `/ready` through its phases and cluster states, `/metrics`
 * scraped behind a token and on its own listener after a stream connected, a change was published, deliveries
 * were accepted and refused and a source was rate limited — found by their exact documented names.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../shared/settings'
import { openStream } from '../../../tests/helpers/hub'
import { memoryRuntime } from '../../../tests/helpers/runtime'
import {
  SETTINGS_WITH_TICKETBOX,
  TICKETBOX_PATH,
  TICKETBOX_TOKEN,
  ticketBoxSource,
} from '../../../tests/third-source/plugin'
import { silentLogger } from '../../core/engine/log'
import { registerSources, SOURCES } from '../../core/sources/registry'
import type { ClusterState } from './cluster-state'
import { attachHub, HUB_DEFAULTS } from './hub'
import { startMetricsListener } from './ops-routes'

const TOKEN = 'tok-ops-0123456789abcdef'
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A hub with the shipped desks and TicketBox; every help-desk request is answered 429. */
async function startHub(cluster?: () => ClusterState) {
  const dir = mkdtempSync(join(tmpdir(), 'chat-tray-ops-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const tokensFile = join(dir, 'tokens.json')
  writeFileSync(tokensFile, JSON.stringify([{ token: TOKEN, agent: 'Mia Novak' }]))
  const settings = defaultSettings(SETTINGS_WITH_TICKETBOX)
  settings.listener.port = 0
  const limited: typeof fetch = async () =>
    new Response('{"errors":[{"message":"Too many requests"}]}', { status: 429, headers: { 'retry-after': '60' } })
  const { runtime } = memoryRuntime(
    settings,
    { 'ticketbox.token': TICKETBOX_TOKEN, 'helpcrunch.apiKey': 'hc-ops-key-0123456789' } as Record<string, string>,
    { settingsModel: SETTINGS_WITH_TICKETBOX, fetch: limited },
  )
  registerSources(runtime, [...SOURCES, ticketBoxSource])
  const hub = attachHub(runtime, {
    tokensFile,
    replayEvents: 100,
    limits: { ...HUB_DEFAULTS, maxStreams: 10 },
    shares: HUB_DEFAULTS,
    cluster,
  })
  const { listen } = await runtime.start()
  cleanups.push(async () => {
    hub.close()
    await runtime.stop()
  })
  return { url: listen, hub, runtime }
}

const get = async (url: string, token?: string) => {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() }
}
const ticket = (id: string, token = TICKETBOX_TOKEN) =>
  fetch(`${hubUrl}${TICKETBOX_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ id, subject: 'VPN down', from: 'Ana', at: 1_700_000_000_000 }),
  })
let hubUrl = ''

/** The value of `series` (name with its labels, exactly as exposed) in a scrape, or null when absent. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? null : Number(line.slice(series.length + 1))
}

describe("the hub's operator routes", () => {
  it('/ready: 503 starting until started, 200 serving, 503 draining; no token needed and nothing secret', async () => {
    const { url, hub } = await startHub()
    const before = await get(`${url}/ready`)
    expect(before.status).toBe(503)
    expect(JSON.parse(before.text)).toMatchObject({ ready: false, status: 'starting', role: 'single', store: 'none' })
    hub.started()
    const ready = await get(`${url}/ready`)
    expect(ready.status).toBe(200)
    const body = JSON.parse(ready.text)
    expect(body).toMatchObject({ ready: true, status: 'ready', role: 'single', store: 'none' })
    expect(body.sources).toContainEqual({ source: 'ticketbox', state: 'ok' })
    expect(ready.text).not.toContain(TICKETBOX_TOKEN)
    expect(ready.text).not.toContain('hc-ops-key')
    hub.drain()
    const draining = await get(`${url}/ready`)
    expect(draining.status).toBe(503)
    expect(JSON.parse(draining.text)).toMatchObject({ ready: false, status: 'draining' })
  })

  it('/ready follows the cluster state: degraded while the store is down, the role and fence named', async () => {
    let state: ClusterState = { role: 'follower', store: 'up', fence: 5 }
    const { url, hub } = await startHub(() => state)
    hub.started()
    expect(JSON.parse((await get(`${url}/ready`)).text)).toMatchObject({ status: 'ready', role: 'follower', fence: 5 })
    state = { role: 'follower', store: 'down', fence: 5 }
    const degraded = await get(`${url}/ready`)
    expect(degraded.status).toBe(503)
    expect(JSON.parse(degraded.text)).toMatchObject({ ready: false, status: 'degraded', store: 'down' })
  })

  it('/metrics after a stream, a change, deliveries and 429s: the documented names with their values', async () => {
    const { url, hub, runtime } = await startHub()
    hubUrl = url
    hub.started()
    expect((await get(`${url}/metrics`)).status).toBe(401)
    expect((await get(`${url}/metrics`, 'tok-unknown-0123456789')).status).toBe(401)

    const stream = await openStream(url, TOKEN)
    cleanups.push(() => stream.close())
    await stream.waitFor((m) => m.event === 'snapshot')
    expect((await ticket('t1')).status).toBe(200)
    expect((await ticket('t2', 'not-the-token')).status).toBe(401)
    await stream.waitFor((m) => m.event === 'chat.added')
    // A polling source was answered 429 at least once.
    const limitedSources = async () => (await get(`${url}/metrics`, TOKEN)).text.match(/rate_limited_total\{.* [1-9]/)
    await expect.poll(limitedSources, { timeout: 10_000 }).toBeTruthy()

    const scrape = await get(`${url}/metrics`, TOKEN)
    expect(scrape.status).toBe(200)
    expect(scrape.type).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = scrape.text
    expect(sample(text, 'chat_tray_hub_streams')).toBe(1)
    expect(sample(text, 'chat_tray_hub_events_published_total{event="chat.added"}')).toBe(1)
    expect(sample(text, 'chat_tray_hub_fanout_seconds_count')).toBeGreaterThanOrEqual(1)
    expect(sample(text, 'chat_tray_hub_fanout_seconds_bucket{le="+Inf"}')).toBe(
      sample(text, 'chat_tray_hub_fanout_seconds_count'),
    )
    expect(sample(text, `chat_tray_webhook_deliveries_total{route="${TICKETBOX_PATH}",result="accepted"}`)).toBe(1)
    expect(sample(text, `chat_tray_webhook_deliveries_total{route="${TICKETBOX_PATH}",result="signature"}`)).toBe(1)
    const polled = runtime.sources().find((s) => s.id !== 'ticketbox' && sample(text, requests(s.id)) !== null)
    expect(polled, 'a polling source counted its requests').toBeDefined()
    const id = polled?.id as string
    expect(sample(text, `chat_tray_source_rate_limited_total{source="${id}"}`)).toBe(sample(text, requests(id)))
    expect(sample(text, 'chat_tray_hub_leader')).toBe(1)
    expect(sample(text, 'chat_tray_hub_store_roundtrip_seconds_count')).toBe(0)
    for (const secret of [TOKEN, TICKETBOX_TOKEN, 'hc-ops-key', 'Mia Novak']) expect(text).not.toContain(secret)

    // The same registry on a listener of its own, without a token.
    const own = await startMetricsListener('127.0.0.1', 0, hub.metrics, silentLogger)
    cleanups.push(() => own.stop())
    const plain = await get(`${own.url}/metrics`)
    expect(plain.status).toBe(200)
    expect(sample(plain.text, 'chat_tray_hub_streams')).toBe(1)
    expect((await get(`${own.url}/ready`)).status).toBe(404)
  })
})

const requests = (source: string) => `chat_tray_source_requests_total{source="${source}"}`
