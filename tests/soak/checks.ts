/**
 * The soak's invariants, computed after the run from what the host printed (NDJSON lines, stamped on
 * arrival), what the senders were answered, the fake server's request log and how every child exited.
 */
import type { Alert } from '../../shared/alert'
import type { Chat } from '../../shared/chat'
import { newestShown, unappliedItems } from './applied'
import { type DeliveryRecord, EXPECTED_STATUS } from './sender'
import type { ExitRecord, HostLine } from './supervisor'

/** A chat waiting at least this long (host's view, restarts included) must have been announced. */
export const MUST_ANNOUNCE_AFTER_MS = 20_000
const BUDGET_PER_MINUTE = 120
const HEAP_TOLERANCE = 0.2

/** Everything the checks look at. */
export interface SoakEvidence {
  lines: HostLine[]
  exits: ExitRecord[]
  protocolErrors: string[]
  deliveries: DeliveryRecord[]
  /** Final chats of the last run (snapshot.get after settling). */
  finalChats: Chat[]
  /** HelpCrunch truth at the end: key → expected state. */
  helpcrunchTruth: Map<string, 'waiting' | 'active' | 'closed'>
  /** When each DeskDirector chat's `created` delivery was first sent. */
  createdSentAt: Map<string, number>
  forbiddenKeys: Set<string>
  budgetMax: number
  heap: { warm: number | null; end: number | null }
  kills: number
}

/** The figures and the violations. */
export interface SoakFindings {
  violations: string[]
  deliveries: Record<string, Record<string, number>>
  alertsByKind: Record<string, number>
  summaryItems: number
  waitingChats: number
  announced: number
  absorbed: number
  latency: { count: number; p50: number | null; p99: number | null }
  restarts: number
}

/** Runs every check. */
export function checkSoak(e: SoakEvidence): SoakFindings {
  const violations: string[] = []
  const alerts = e.lines.filter((l) => l.event.type === 'alert') as (HostLine & { event: { alert: Alert } })[]
  const finalByKey = new Map(e.finalChats.map((c) => [c.key, c]))

  // 1. Exactly one `new` per chat that became waiting (alone or as a summary item), across restarts.
  const waiting = waitingSpans(e.lines)
  const newCount = new Map<string, number>()
  const kindCount = new Map<string, number>()
  const ids = new Map<string, number>()
  const alertsByKind: Record<string, number> = {}
  let summaryItems = 0
  for (const { event } of alerts) {
    const alert = event.alert
    alertsByKind[alert.kind] = (alertsByKind[alert.kind] ?? 0) + 1
    ids.set(alert.id, (ids.get(alert.id) ?? 0) + 1)
    const announced =
      alert.kind === 'summary'
        ? (alert.items ?? []).map((i) => ({ kind: i.kind as string, key: i.chatKey }))
        : alert.chatKeys.map((key) => ({ kind: alert.kind as string, key }))
    if (alert.kind === 'summary') summaryItems += announced.length
    for (const { kind, key } of announced) {
      if (kind === 'new') newCount.set(key, (newCount.get(key) ?? 0) + 1)
      if (kind === 'missed' || kind === 'callback' || kind === 'assigned-to-me') {
        const slot = `${key}|${kind}`
        kindCount.set(slot, (kindCount.get(slot) ?? 0) + 1)
      }
    }
  }
  let announced = 0
  let absorbed = 0
  const unannounced: string[] = []
  const repeated: string[] = []
  for (const [key, span] of waiting) {
    const n = newCount.get(key) ?? 0
    if (n > 1) repeated.push(`${key} ×${n}`)
    if (n >= 1) announced++
    const stillWaiting = finalByKey.get(key)?.state === 'waiting'
    const long = span.left === null ? stillWaiting : span.left - span.from >= MUST_ANNOUNCE_AFTER_MS
    if (n === 0 && (long || stillWaiting)) unannounced.push(key)
    else if (n === 0) absorbed++
  }
  for (const key of newCount.keys()) if (!waiting.has(key)) repeated.push(`${key} announced but never waiting`)
  listed(violations, unannounced, 'chats waiting ≥20 s (or at the end) never announced as new')
  listed(violations, repeated, 'chats announced as new more than once')

  // 2. No alert id twice; no missed/callback/assigned-to-me twice for the same chat.
  listed(
    violations,
    [...ids].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`),
    'alert ids emitted more than once',
  )
  listed(
    violations,
    [...kindCount].filter(([, n]) => n > 1).map(([slot, n]) => `${slot} ×${n}`),
    'transitions alerted more than once',
  )

  // 3. Deliveries: the expected answer, and every accepted valid item visible at its version or newer.
  const deliveries: Record<string, Record<string, number>> = {}
  const wrongStatus: string[] = []
  for (const d of e.deliveries) {
    deliveries[d.kind] ??= {}
    const row = deliveries[d.kind] as Record<string, number>
    const label = d.status === null ? 'no answer' : String(d.status)
    row[label] = (row[label] ?? 0) + 1
    if (d.status !== EXPECTED_STATUS[d.kind]) wrongStatus.push(`#${d.seq} ${d.kind}: ${label}`)
  }
  listed(violations, wrongStatus, 'deliveries answered unexpectedly')
  const notApplied = unappliedItems(e.deliveries, newestShown(e.lines, e.finalChats), e.finalChats)
  listed(violations, notApplied, 'accepted DeskDirector chats not applied, lost or rolled back')
  const leaked = e.lines.filter(
    (l) => (l.event.type === 'chat.added' || l.event.type === 'chat.changed') && e.forbiddenKeys.has(l.event.chat.key),
  )
  if (leaked.length > 0) violations.push(`${leaked.length} chat(s) from badly signed deliveries were applied`)

  // 4. HelpCrunch: the host converged on the fake's truth.
  const diverged: string[] = []
  for (const [key, state] of e.helpcrunchTruth) {
    const have = finalByKey.get(key)?.state
    if (state === 'closed' ? have !== undefined && have !== 'closed' : have !== state)
      diverged.push(`${key}: fake ${state}, host ${have ?? 'absent'}`)
  }
  listed(violations, diverged, 'HelpCrunch chats not converged after settling')

  // 5. Budget, exits, heap, protocol.
  if (e.budgetMax > BUDGET_PER_MINUTE)
    violations.push(`HelpCrunch budget exceeded: ${e.budgetMax} requests in one minute (limit ${BUDGET_PER_MINUTE})`)
  for (const x of e.exits) {
    const fine = (x.asked === 'kill' && x.signal === 'SIGKILL') || (x.asked === 'stop' && x.code === 0)
    if (!fine) violations.push(`run ${x.run} (pid ${x.pid}) ended code=${x.code} signal=${x.signal} asked=${x.asked}`)
  }
  if (e.heap.warm === null || e.heap.end === null) violations.push('heap not measured')
  else if (e.heap.end > e.heap.warm * (1 + HEAP_TOLERANCE))
    violations.push(`heap grew ${pct(e.heap.end / e.heap.warm - 1)} (warm ${mb(e.heap.warm)} → end ${mb(e.heap.end)})`)
  listed(violations, e.protocolErrors, 'bad stdout lines')

  // 6. Latency: delivery first sent → the chat's own `new` alert line.
  const latencies: number[] = []
  const seen = new Set<string>()
  for (const { at, event } of alerts) {
    const key = event.alert.chatKeys[0]
    if (event.alert.kind !== 'new' || key === undefined || seen.has(key)) continue
    seen.add(key)
    const sent = e.createdSentAt.get(key)
    if (sent !== undefined) latencies.push(at - sent)
  }
  latencies.sort((a, b) => a - b)
  return {
    violations,
    deliveries,
    alertsByKind,
    summaryItems,
    waitingChats: waiting.size,
    announced,
    absorbed,
    latency: { count: latencies.length, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) },
    restarts: Math.max(0, e.exits.length - 1),
  }
}

/** Per chat: when the host first showed it waiting, and when it first showed it otherwise (or removed). */
function waitingSpans(lines: HostLine[]): Map<string, { from: number; left: number | null }> {
  const spans = new Map<string, { from: number; left: number | null }>()
  for (const { at, event } of lines) {
    if (event.type === 'chat.added' || event.type === 'chat.changed') {
      const span = spans.get(event.chat.key)
      if (event.chat.state === 'waiting') {
        if (!span) spans.set(event.chat.key, { from: at, left: null })
      } else if (span && span.left === null) span.left = at
    } else if (event.type === 'chat.removed') {
      const span = spans.get(event.key)
      if (span && span.left === null) span.left = at
    }
  }
  return spans
}

function listed(violations: string[], items: string[], what: string): void {
  if (items.length === 0) return
  const shown = items.slice(0, 5).join('; ')
  violations.push(`${items.length} ${what}: ${shown}${items.length > 5 ? '; …' : ''}`)
}

function percentile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? null
}

/** Bytes as MiB with one decimal. */
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
const pct = (x: number) => `${(x * 100).toFixed(1)}%`
