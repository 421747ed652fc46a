/**
 * The server side of the webhook benchmark, run as its own process so the load generator does not share its
 * thread: `bare` = node:http answering 204, `listener` = the real runtime with the DeskDirector route,
 * `latency` = the same listener timing each delivery (kept out of the throughput run, which the bare server
 * does not pay for either). Prints `{"url": …}` once listening; on a `report` line on stdin prints the delivery latencies and exits.
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createInterface } from 'node:readline'
import { silentLogger } from '../electron/core/engine/log'
import { memorySecrets, memorySettings } from '../electron/core/runtime/ports'
import { createRuntime } from '../electron/core/runtime/runtime'
import { registerSources } from '../electron/core/sources/registry'
import { defaultSettings } from '../shared/settings'

/** The secret the benchmark signs with. */
export const BENCH_SECRET = 'bench-secret-0123456789abcdefghij'

async function bare(): Promise<string> {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(204)
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** Latencies (ms) from a request reaching the server to the engine's `chat.added` for its session. */
const latencies: number[] = []

async function listener(timed: boolean): Promise<string> {
  const settings = defaultSettings()
  settings.listener.port = 0
  const runtime = createRuntime({
    settings: memorySettings(settings),
    secrets: memorySecrets({ 'deskdirector.secrets': BENCH_SECRET }),
    log: silentLogger,
    version: 'bench',
    stateDir: null,
    demo: false,
  })
  registerSources(runtime)
  const { listen } = await runtime.start()
  if (!timed) return listen
  const arrived = new Map<string, bigint>()
  runtime.listener.server.on('request', (req: IncomingMessage) => {
    const id = req.headers['x-bench-id']
    if (typeof id === 'string') arrived.set(id, process.hrtime.bigint())
  })
  runtime.engine.bus.on(['chat.added'], (event) => {
    const start = arrived.get(event.chat.sourceId)
    if (start === undefined) return
    arrived.delete(event.chat.sourceId)
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6)
  })
  return listen
}

const mode = process.argv[2]
if (mode === 'bare' || mode === 'listener' || mode === 'latency') {
  const url = await (mode === 'bare' ? bare() : listener(mode === 'latency'))
  process.stdout.write(`${JSON.stringify({ url })}\n`)
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'report') return
    process.stdout.write(`${JSON.stringify({ latencies })}\n`, () => process.exit(0))
  })
}
