/**
 * Preloaded into a benchmarked process (`node --import ./benchmarks/loop-delay.mjs …`): measures how long its
 * event loop was blocked and how much CPU it used. On SIGUSR2 it prints `bench-loop-delay {"maxMs", "p99Ms",
 * "cpuMs"}` (since the previous signal) to stderr and starts over. CPU time does not depend on what else the
 * machine runs; the loop's delay does (a process waiting for a core is delayed too).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'

const histogram = monitorEventLoopDelay({ resolution: 5 })
histogram.enable()
let cpu = process.cpuUsage()
process.on('SIGUSR2', () => {
  const ms = (ns) => Math.round(ns / 1e5) / 10
  const used = process.cpuUsage(cpu)
  cpu = process.cpuUsage()
  const cpuMs = Math.round((used.user + used.system) / 1000)
  const report = { maxMs: ms(histogram.max), p99Ms: ms(histogram.percentile(99)), cpuMs }
  process.stderr.write(`bench-loop-delay ${JSON.stringify(report)}\n`)
  histogram.reset()
})
