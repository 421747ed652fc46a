/** The one-screen summary of a soak run. */
import { mb } from './checks'
import type { SoakResult } from './run'

/** Renders the summary as plain text (also what SOAK.md quotes). */
export function formatSummary(r: SoakResult): string {
  const lines: string[] = []
  const ms = (v: number | null) => (v === null ? 'n/a' : `${Math.round(v)} ms`)
  lines.push(
    `Chat Tray soak — ${(r.config.durationMs / 60_000).toFixed(2)} min of traffic, seed ${r.config.seed}, wall ${(r.wallMs / 1000).toFixed(0)} s (settle ${(r.settleMs / 1000).toFixed(0)} s)`,
  )
  lines.push('')
  lines.push('DeskDirector deliveries by kind → final answer:')
  for (const [kind, row] of Object.entries(r.deliveries).sort()) {
    const cells = Object.entries(row)
      .map(([status, n]) => `${status}×${n}`)
      .join('  ')
    lines.push(`  ${kind.padEnd(15)} ${cells}`)
  }
  lines.push(
    `Host: ${r.kills} SIGKILL(s), ${r.restarts} restart(s); ${r.chatsAtEnd} chats held at the end`,
    `Chats that became waiting: ${r.waitingChats} — announced as new ${r.announced}, left waiting before any alert (absorbed) ${r.absorbed}`,
    `Alerts by kind: ${Object.entries(r.alertsByKind)
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}; summary items ${r.summaryItems}`,
    `HelpCrunch: ${r.helpcrunchRequests} requests (~${Math.round(r.config.faultRate * 100)}% faulted), busiest minute ${r.budgetMax}/120`,
    `Heap (after GC): warm-up ${r.heap.warm === null ? 'n/a' : mb(r.heap.warm)} → end ${r.heap.end === null ? 'n/a' : mb(r.heap.end)}${
      r.heap.warm && r.heap.end
        ? ` (${(((r.heap.end - r.heap.warm) / r.heap.warm) * 100).toFixed(1)}%, limit +20%)`
        : ''
    }`,
    `Alert latency, delivery sent → its own \`new\` line (${r.latency.count} alerts): p50 ${ms(r.latency.p50)}, p99 ${ms(r.latency.p99)}`,
    '',
  )
  if (r.violations.length === 0) lines.push('Violations: none — PASS')
  else {
    lines.push(`Violations (${r.violations.length}) — FAIL:`)
    for (const v of r.violations) lines.push(`  - ${v}`)
  }
  return lines.join('\n')
}
