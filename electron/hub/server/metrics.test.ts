import { describe, expect, it } from 'vitest'
import type { ClusterState } from './cluster-state'
import { createHubMetrics, deliveryResult } from './metrics'

/** The value of one sample line `name{labels} value` of the exposition text (null when absent). */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? null : Number(line.slice(series.length + 1))
}

describe('hub metrics', () => {
  it('renders the documented names with what was recorded, per hub (two registries do not mix)', async () => {
    let cluster: ClusterState = { role: 'single', store: 'none' }
    const a = createHubMetrics({ streams: () => 3, cluster: () => cluster })
    const b = createHubMetrics({ streams: () => 0, cluster: () => cluster })
    a.published('chat.added')
    a.published('chat.added')
    a.fannedOut(0.002)
    a.requested('ticketbox', 200)
    a.requested('ticketbox', 429)
    a.requested('ticketbox', null)
    a.delivered('/webhooks/ticketbox', 200)
    a.delivered('/webhooks/ticketbox', 401)
    const { text, contentType } = await a.render()
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/)
    expect(sample(text, 'chat_tray_hub_streams')).toBe(3)
    expect(sample(text, 'chat_tray_hub_events_published_total{event="chat.added"}')).toBe(2)
    expect(sample(text, 'chat_tray_hub_fanout_seconds_count')).toBe(1)
    expect(sample(text, 'chat_tray_hub_fanout_seconds_bucket{le="0.0025"}')).toBe(1)
    expect(sample(text, 'chat_tray_hub_fanout_seconds_bucket{le="0.001"}')).toBe(0)
    expect(sample(text, 'chat_tray_source_requests_total{source="ticketbox"}')).toBe(3)
    expect(sample(text, 'chat_tray_source_rate_limited_total{source="ticketbox"}')).toBe(1)
    expect(sample(text, 'chat_tray_webhook_deliveries_total{route="/webhooks/ticketbox",result="accepted"}')).toBe(1)
    expect(sample(text, 'chat_tray_webhook_deliveries_total{route="/webhooks/ticketbox",result="signature"}')).toBe(1)
    expect(sample(text, 'chat_tray_hub_leader')).toBe(1)
    expect(sample(text, 'chat_tray_hub_store_roundtrip_seconds_count')).toBe(0)
    expect(text).toContain('chat_tray_process_resident_memory_bytes')

    const other = (await b.render()).text
    expect(sample(other, 'chat_tray_hub_streams')).toBe(0)
    expect(sample(other, 'chat_tray_hub_events_published_total{event="chat.added"}')).toBeNull()

    cluster = { role: 'follower', store: 'up', fence: 4 }
    b.storeRoundTrip(0.0004)
    const follower = (await b.render()).text
    expect(sample(follower, 'chat_tray_hub_leader')).toBe(0)
    expect(sample(follower, 'chat_tray_hub_store_roundtrip_seconds_count')).toBe(1)
  })

  it('a source never limited still has its 429 series, at 0', async () => {
    const metrics = createHubMetrics({ streams: () => 0, cluster: () => ({ role: 'single', store: 'none' }) })
    metrics.requested('ticketbox', 200)
    expect(sample((await metrics.render()).text, 'chat_tray_source_rate_limited_total{source="ticketbox"}')).toBe(0)
  })

  it('names each refusal of a delivery by its status', () => {
    expect([200, 202, 400, 401, 403, 408, 413, 422, 503, 418].map(deliveryResult)).toEqual([
      'accepted',
      'accepted',
      'malformed',
      'signature',
      'forbidden',
      'slow',
      'too_large',
      'invalid',
      'busy',
      'other',
    ])
  })
})
