/**
 * HelpCrunch polling at scale: 5,000 open chats at the fake server, one chat changing per second (a new
 * customer message; every tenth change a brand-new chat), default settings (15 s interval, 120 req/min).
 *
 * Time is compressed ×SCALE: the poller, token bucket and fake server all read a scaled clock, and timers
 * wait 1/SCALE of their simulated delay, so SIM_MINUTES of simulated polling take SIM_MINUTES×60/SCALE real
 * seconds. Every figure is reported in simulated time (as if the run had been real time). CPU time is real
 * and is measured per poll cycle with the fake server's own CPU subtracted (both run in this process).
 */
import { createFakeHelpCrunch } from '../electron/core/demo/fake-helpcrunch/server'
import { createEngine } from '../electron/core/engine/engine'
import { silentLogger } from '../electron/core/engine/log'
import { memorySecrets, memorySettings } from '../electron/core/runtime/ports'
import { HelpCrunchAdapter } from '../electron/core/sources/helpcrunch/adapter'
import type { Clock } from '../electron/core/sources/helpcrunch/clock'
import { defaultSettings } from '../shared/settings'
import { type BenchFigure, percentile } from './figure'

const SCALE = 10
const SIM_MINUTES = 4
const OPEN_CHATS = 5_000
const KEY = 'bench-key'

/** A clock running SCALE times faster than the wall clock. */
function scaledClock(): Clock {
  const realStart = performance.now()
  const simStart = Date.UTC(2026, 0, 5, 9, 0, 0)
  return {
    now: () => Math.floor(simStart + (performance.now() - realStart) * SCALE),
    setTimeout: (fn, ms) => setTimeout(fn, ms / SCALE),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  }
}

/** Runs the scenario and returns its figures. */
export async function run(): Promise<BenchFigure[]> {
  const clock = scaledClock()
  const fake = createFakeHelpCrunch({ apiKey: KEY, now: clock.now, seed: 3 })
  const nowSeconds = Math.floor(clock.now() / 1000)
  const statuses = ['new', 'opened', 'opened', 'opened', 'opened', 'opened', 'pending', 'pending', 'on hold', 'on hold']
  for (let i = 0; i < OPEN_CHATS; i++) {
    const age = Math.floor((i / OPEN_CHATS) * 86_400)
    fake.db.addChat({
      status: statuses[i % statuses.length],
      createdAt: nowSeconds - 90_000 + i,
      lastMessageAt: nowSeconds - age,
    })
  }
  const engine = createEngine({ log: silentLogger, now: clock.now })
  const settings = defaultSettings()
  settings.helpcrunch.apiUrl = 'http://fake.bench/v1'
  let cycles = 0
  let steadyFrom: number | null = null
  let cycleCpu = 0
  let serverCpuAtCycleStart = 0
  let cpuAtCycleStart = process.cpuUsage()
  const adapter = new HelpCrunchAdapter({
    context: engine.contextFor('helpcrunch'),
    settings: memorySettings(settings),
    secrets: memorySecrets({ 'helpcrunch.apiKey': KEY }),
    fetch: fake.fetch,
    clock,
    tuning: {
      onCycle: () => {
        const spent = process.cpuUsage(cpuAtCycleStart)
        if (steadyFrom !== null) {
          cycles++
          cycleCpu += spent.user + spent.system - (fake.cpuMicros() - serverCpuAtCycleStart)
        }
      },
    },
  })
  engine.adapters.register(adapter)

  // Each change marks its chat's message text; detection = the store shows that text.
  const pending = new Map<string, number>()
  const latencies: number[] = []
  engine.bus.on(['chat.added', 'chat.changed'], (event) => {
    const changedAt = pending.get(event.chat.lastMessageText ?? '')
    if (changedAt === undefined) return
    pending.delete(event.chat.lastMessageText ?? '')
    latencies.push(clock.now() - changedAt)
  })

  await adapter.start()
  while (engine.store.size < OPEN_CHATS) await new Promise((r) => setTimeout(r, 20))
  const loadRequests = fake.log.length
  const loadSimSeconds = (clock.now() - (fake.log[0]?.at ?? clock.now())) / 1000
  steadyFrom = clock.now()
  const steadyLogStart = fake.log.length
  // CPU is sampled between the end of one cycle and the end of the next: everything the poller did for it.
  const resetCycleCpu = () => {
    cpuAtCycleStart = process.cpuUsage()
    serverCpuAtCycleStart = fake.cpuMicros()
  }
  resetCycleCpu()

  let seq = 0
  const changer = setInterval(() => {
    const text = `change ${++seq}`
    if (seq % 10 === 0) fake.db.addChat({ lastMessageText: text })
    else {
      const open = fake.db.openChats()
      const chat = open[Math.floor(Math.random() * open.length)]
      if (chat) fake.db.message(chat.id, text)
    }
    pending.set(text, clock.now())
    // Idle time between cycles is not poller CPU: restart the sample after the generator's own work.
    resetCycleCpu()
  }, 1_000 / SCALE)
  await new Promise((r) => setTimeout(r, (SIM_MINUTES * 60_000) / SCALE))
  clearInterval(changer)
  const steadyEnd = clock.now()
  await new Promise((r) => setTimeout(r, 20_000 / SCALE)) // let the last changes be detected
  await adapter.stop()

  const steadyRequests = fake.log.length - steadyLogStart
  const minutes = (steadyEnd - (steadyFrom ?? steadyEnd)) / 60_000
  steadyFrom = null
  return [
    {
      name: 'initial load of 5,000 open chats: requests',
      value: loadRequests,
      unit: 'requests',
      target: '<= 55',
    },
    {
      name: 'initial load duration (simulated)',
      value: Math.round(loadSimSeconds),
      unit: 's',
      target: '<= 60 s',
    },
    {
      name: 'requests per minute (steady, default 15 s interval)',
      value: +(steadyRequests / minutes).toFixed(2),
      unit: 'req/min',
      target: '<= 10',
    },
    {
      name: 'max requests in any sliding minute at the fake server',
      value: fake.maxRequestsInWindow(),
      unit: 'requests',
      target: '<= 120',
    },
    { name: 'detection latency p50', value: +(percentile(latencies, 50) / 1000).toFixed(2), unit: 's', target: '—' },
    {
      name: 'detection latency p99',
      value: +(percentile(latencies, 99) / 1000).toFixed(2),
      unit: 's',
      target: '<= 16 s (15 s interval + 1 s)',
    },
    { name: 'changes undetected at the end', value: pending.size, unit: 'changes', target: '<= 0' },
    {
      name: 'CPU time per poll cycle (client side)',
      value: +(cycleCpu / Math.max(1, cycles) / 1000).toFixed(2),
      unit: 'ms',
      target: '—',
    },
    { name: `time compression (simulated ${SIM_MINUTES} min)`, value: SCALE, unit: '×', target: '—' },
  ]
}
