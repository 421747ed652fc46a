/**
 * The hub's Prometheus metrics (prom-client), in a registry of its own per hub, so several hubs can run in one
 * process (tests, benchmarks). Names and labels are a contract: docs/hub.md, "Metrics". Labels carry only data
 * that is not secret and has few values: a source id, a route path, an event name, a result word; never a token,
 * an agent or a token's name.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { type ClusterState, polls } from './cluster-state'

/** Seconds: from a few hundred microseconds (a handful of streams) to a second (a stalled loop). */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]

/** What a webhook answer's status says about the delivery (`result` label). */
export function deliveryResult(status: number): string {
  if (status >= 200 && status < 300) return 'accepted'
  return DELIVERY_REFUSALS[status] ?? 'other'
}
const DELIVERY_REFUSALS: Record<number, string> = {
  400: 'malformed',
  401: 'signature',
  403: 'forbidden',
  408: 'slow',
  413: 'too_large',
  422: 'invalid',
  503: 'busy',
}

/** What the metrics read when scraped. */
export interface MetricsSources {
  /** Open streams right now. */
  streams: () => number
  cluster: () => ClusterState
}

/** The hub's metrics: what the hub records, and the text a scrape gets. */
export interface HubMetrics {
  readonly registry: Registry
  /** A change this hub published to the feed. */
  published(event: string): void
  /** One change written to every live stream of this hub, in seconds. */
  fannedOut(seconds: number): void
  /** A source's HTTP request to its help desk was answered `status` (null: no answer). */
  requested(source: string, status: number | null): void
  /** A webhook route answered a delivery with `status`. */
  delivered(route: string, status: number): void
  /** One round trip to the shared store, in seconds (clustered hubs only). */
  storeRoundTrip(seconds: number): void
  /** The exposition text and its content type. */
  render(): Promise<{ contentType: string; text: string }>
}

/** Creates the metrics of one hub. */
export function createHubMetrics(read: MetricsSources): HubMetrics {
  const registry = new Registry()
  const registers = [registry]
  new Gauge({
    name: 'chat_tray_hub_streams',
    help: 'Open event streams (GET /v1/stream) on this hub.',
    registers,
    collect() {
      this.set(read.streams())
    },
  })
  const published = new Counter({
    name: 'chat_tray_hub_events_published_total',
    help: 'Changes this hub published to the change feed, by stream event.',
    labelNames: ['event'],
    registers,
  })
  const fanOut = new Histogram({
    name: 'chat_tray_hub_fanout_seconds',
    help: 'Time to write one change to every live stream of this hub.',
    buckets: LATENCY_BUCKETS,
    registers,
  })
  const requests = new Counter({
    name: 'chat_tray_source_requests_total',
    help: 'HTTP requests of a source to its help desk, by source id.',
    labelNames: ['source'],
    registers,
  })
  const rateLimited = new Counter({
    name: 'chat_tray_source_rate_limited_total',
    help: 'Requests of a source answered 429 (rate limited) by its help desk, by source id.',
    labelNames: ['source'],
    registers,
  })
  const deliveries = new Counter({
    name: 'chat_tray_webhook_deliveries_total',
    help: 'Webhook deliveries answered by this hub, by route and result (accepted or the refusal).',
    labelNames: ['route', 'result'],
    registers,
  })
  new Gauge({
    name: 'chat_tray_hub_leader',
    help: '1 when this hub polls the help desks (the leader, or a hub alone), else 0.',
    registers,
    collect() {
      this.set(polls(read.cluster()) ? 1 : 0)
    },
  })
  const roundTrip = new Histogram({
    name: 'chat_tray_hub_store_roundtrip_seconds',
    help: 'Round trips to the shared store (clustered hubs; empty for a hub alone).',
    buckets: LATENCY_BUCKETS,
    registers,
  })
  collectDefaultMetrics({ register: registry, prefix: 'chat_tray_' })
  return {
    registry,
    published: (event) => published.inc({ event }),
    fannedOut: (seconds) => fanOut.observe(seconds),
    requested(source, status) {
      requests.inc({ source })
      // A source that was never limited still shows its series, at 0 (a rate needs the series to exist).
      rateLimited.inc({ source }, 0)
      if (status === 429) rateLimited.inc({ source })
    },
    delivered: (route, status) => deliveries.inc({ route, result: deliveryResult(status) }),
    storeRoundTrip: (seconds) => roundTrip.observe(seconds),
    render: async () => ({ contentType: registry.contentType, text: await registry.metrics() }),
  }
}
