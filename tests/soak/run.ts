/**
 * One soak run: the fake HelpCrunch world and the DeskDirector stream drive the real headless host for the
 * configured time, with faults, bad input, a burst and SIGKILLs; then traffic stops, the host settles, and
 * the evidence is checked.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seededRandom } from '../../electron/core/demo/fake-helpcrunch/faults'
import type { Chat } from '../../shared/chat'
import type { HostStats } from '../../shared/protocol'
import { newestShown, unappliedItems } from './applied'
import { checkSoak, type SoakFindings } from './checks'
import type { SoakConfig } from './config'
import { DeskDirectorStream } from './deskdirector-stream'
import { HelpCrunchWorld, ME, SOAK_HC_KEY } from './helpcrunch-world'
import { DeliverySender } from './sender'
import { HostSupervisor } from './supervisor'

const DD_SECRET = 'soak-deskdirector-secret-0123456789'
const TICK_MS = 250

/** The findings plus the figures the summary prints. */
export interface SoakResult extends SoakFindings {
  config: SoakConfig
  kills: number
  budgetMax: number
  helpcrunchRequests: number
  heap: { warm: number | null; end: number | null }
  chatsAtEnd: number
  wallMs: number
  settleMs: number
}

/** Runs the soak described by `config`. */
export async function runSoak(config: SoakConfig): Promise<SoakResult> {
  const random = seededRandom(config.seed)
  const say = (text: string) => config.verbose && process.stderr.write(`[soak ${elapsed()}] ${text}\n`)
  const started = Date.now()
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`
  const world = await HelpCrunchWorld.start(config.seed, config.faultRate, random)
  const port = await freePort()
  const stateDir = mkdtempSync(join(tmpdir(), 'chat-tray-soak-'))
  const listen = `http://127.0.0.1:${port}`
  const host = new HostSupervisor([
    ...['--listen', `127.0.0.1:${port}`, '--state-dir', stateDir, '--deskdirector-secret', DD_SECRET],
    ...['--helpcrunch-url', world.url, '--helpcrunch-key', SOAK_HC_KEY, '--poll-seconds', '5'],
    ...['--agent-id', String(ME)],
  ])
  const sender = new DeliverySender(listen, DD_SECRET)
  const dd = new DeskDirectorStream(sender, random)
  const heap: SoakResult['heap'] = { warm: null, end: null }
  let kills = 0
  try {
    await host.start()
    say(`host up on ${listen}, HelpCrunch fake at ${world.url}, state ${stateDir}`)
    const kinds = ['bad-signature', 'oversized', 'all-invalid'] as const
    const pendingKills = [...config.killAtMs].sort((a, b) => a - b)
    let burstLeft = config.burstChats
    let ddDebt = 0
    let hcDebt = 0
    for (let tick = 0; ; tick++) {
      const t = Date.now() - started
      if (t >= config.durationMs) break
      const now = Date.now()
      // Ordinary traffic, as fractional "debts" so the rates hold on average.
      ddDebt += (config.ddChatsPerSecond * TICK_MS) / 1000
      hcDebt += (config.hcChatsPerSecond * TICK_MS) / 1000
      if (ddDebt >= 1 && random() < 0.7) {
        dd.create(Math.floor(ddDebt), now)
        ddDebt -= Math.floor(ddDebt)
      }
      if (hcDebt >= 1) {
        world.create(Math.floor(hcDebt), now)
        hcDebt -= Math.floor(hcDebt)
      }
      // The burst: `burstChats` chats over `burstSpanMs`, half per source, half of them never answered.
      if (t >= config.burstAtMs && burstLeft > 0) {
        const due = Math.ceil(config.burstChats * Math.min(1, (t - config.burstAtMs + TICK_MS) / config.burstSpanMs))
        const count = Math.min(burstLeft, due - (config.burstChats - burstLeft))
        if (count > 0) {
          const dCount = Math.ceil(count / 2)
          dd.create(dCount, now, 0.5)
          world.create(count - dCount, now, 0.5)
          burstLeft -= count
          if (burstLeft === 0) say(`burst of ${config.burstChats} chats sent`)
        }
      }
      dd.advance(now)
      world.advance(now)
      // Bad input: each kind at least every ~15 s, at seeded moments.
      if (tick % 60 === 7) for (const kind of kinds) injectBad(kind)
      else if (random() < 0.02) injectBad(kinds[Math.floor(random() * kinds.length)] ?? 'bad-signature')
      if (pendingKills[0] !== undefined && t >= pendingKills[0]) {
        pendingKills.shift()
        await host.kill()
        kills++
        say(`SIGKILL #${kills}; restarting`)
        await host.start()
        say(`restarted (run ${host.run})`)
      }
      if (heap.warm === null && t >= config.warmHeapAtMs) {
        heap.warm = (await stats(host)).heapUsed
        say(`warm heap ${(heap.warm / 1048576).toFixed(1)} MiB`)
      }
      await sleep(Math.max(0, started + (tick + 1) * TICK_MS - Date.now()))
    }
    say('traffic stopped; settling')
    world.calm()
    await sender.drain()
    const settleStarted = Date.now()
    let finalChats = await settle(host, world, sender, config.settleTimeoutMs, say)
    // Let the last batch window close, then read the final state.
    await sleep(4_000)
    await sender.drain()
    finalChats = await snapshot(host)
    const settleMs = Date.now() - settleStarted
    if (heap.warm === null) heap.warm = (await stats(host)).heapUsed
    const endStats = await stats(host)
    heap.end = endStats.heapUsed
    await host.stop()
    const budgetMax = world.fake.maxRequestsInWindow(60_000)
    const findings = checkSoak({
      lines: host.lines,
      exits: host.exits,
      protocolErrors: host.protocolErrors,
      deliveries: sender.records,
      finalChats,
      helpcrunchTruth: world.expectedStates(),
      createdSentAt: dd.createdSentAt(),
      forbiddenKeys: dd.forbiddenKeys,
      budgetMax,
      heap,
      kills,
    })
    return {
      ...findings,
      config,
      kills,
      budgetMax,
      helpcrunchRequests: world.fake.log.length,
      heap,
      chatsAtEnd: endStats.chats,
      wallMs: Date.now() - started,
      settleMs,
    }
  } finally {
    await host.kill().catch(() => {})
    await world.fake.close()
    rmSync(stateDir, { recursive: true, force: true })
  }

  function injectBad(kind: 'bad-signature' | 'oversized' | 'all-invalid'): void {
    if (kind === 'bad-signature') dd.badSignature(Date.now())
    else if (kind === 'oversized') dd.oversized()
    else dd.allInvalid()
  }
}

/** Waits until the host shows every accepted DeskDirector version and the fake's HelpCrunch truth. */
async function settle(
  host: HostSupervisor,
  world: HelpCrunchWorld,
  sender: DeliverySender,
  timeoutMs: number,
  say: (text: string) => void,
): Promise<Chat[]> {
  const deadline = Date.now() + timeoutMs
  for (let round = 0; ; round++) {
    const chats = await snapshot(host)
    const byKey = new Map(chats.map((c) => [c.key, c]))
    const ddBehind = unappliedItems(sender.records, newestShown(host.lines, chats), chats).length
    const hcBehind = [...world.expectedStates()].filter(([key, state]) => {
      const have = byKey.get(key)?.state
      return state === 'closed' ? have !== undefined && have !== 'closed' : have !== state
    }).length
    const ddDone = ddBehind === 0
    const hcDone = hcBehind === 0
    if (round % 5 === 0) say(`settling: ${ddBehind} DeskDirector items and ${hcBehind} HelpCrunch chats not yet shown`)
    if ((ddDone && hcDone) || Date.now() > deadline) return chats
    await sleep(2_000)
  }
}

async function snapshot(host: HostSupervisor): Promise<Chat[]> {
  const result = await host.command('snapshot.get')
  if (!result.ok) throw new Error(`snapshot.get failed: ${JSON.stringify(result.error)}`)
  return (result.result as { chats: Chat[] }).chats
}

async function stats(host: HostSupervisor): Promise<HostStats> {
  const result = await host.command('host.stats')
  if (!result.ok) throw new Error(`host.stats failed: ${JSON.stringify(result.error)}`)
  return result.result as HostStats
}

/** A free TCP port on loopback, fixed for the whole run so restarts keep the address. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
