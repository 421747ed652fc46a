/**
 * Stopping the headless host (issue 24, item 9), as a process: SIGTERM with commands queued against an API that
 * never answers drains within its deadline (every command answered, the queued ones `stopping`), and a reader that
 * never reads stdout does not grow the host without bound.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { ProtocolEvent } from '../../shared/protocol'
import { type HeadlessProcess, startHeadless } from '../helpers/headless'

let host: HeadlessProcess | undefined
let server: Server | undefined
afterEach(async () => {
  host?.child.kill('SIGKILL')
  host = undefined
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve) ?? resolve(null))
  server = undefined
})

/** An HTTP server that accepts every request and never answers it. */
async function hangingApi(): Promise<string> {
  server = createServer(() => {})
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
}

/** Resident memory of a process, in MB (Linux). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
  return Number(line?.[1] ?? 0) / 1024
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('stopping the headless host', () => {
  it('SIGTERM with 20 commands queued against a hanging API answers all of them and exits 0', async () => {
    const api = await hangingApi()
    host = startHeadless(['--listen', '127.0.0.1:0', '--helpcrunch-key', 'k'.repeat(32), '--helpcrunch-url', api])
    await host.waitFor((e) => e.type === 'ready')
    for (let i = 0; i < 20; i++) host.child.stdin.write(`${JSON.stringify({ id: `q${i}`, command: 'agents.list' })}\n`)
    await sleep(300) // the first one is waiting on the API by now
    host.child.kill('SIGTERM')
    expect(await host.exited).toBe(0)
    const results = host.events.filter(
      (e): e is Extract<ProtocolEvent, { type: 'command.result' }> => e.type === 'command.result',
    )
    expect(results.map((r) => r.id).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `q${i}`).sort())
    expect(results.every((r) => !r.ok && r.error?.code === 'stopping')).toBe(true)
    expect(host.unreadable).toEqual([])
    expect(host.stderr()).toMatch(/commands answered "stopping".*"count":20/)
  }, 40_000)

  it('a reader that never reads stdout: events are dropped and counted, memory stays bounded', async () => {
    host = startHeadless(['--listen', '127.0.0.1:0', '--demo'])
    await host.waitFor((e) => e.type === 'ready')
    await host.waitFor((e) => e.type === 'chat.added')
    const child = host.child
    child.stdin.on('error', () => {}) // the host may exit before every line is written
    child.stdout.pause() // from now on nobody reads: the pipe fills, then the host's own buffer
    const before = rssMb(child.pid as number)
    const command = `${JSON.stringify({ id: 's', command: 'snapshot.get' })}\n`
    let sent = 0
    const send = () => {
      while (sent < 20_000) {
        sent++
        if (!child.stdin.write(command)) return void child.stdin.once('drain', send)
      }
    }
    send()
    const deadline = Date.now() + 30_000
    while (!host.stderr().includes('stdout is not being read') && Date.now() < deadline) await sleep(100)
    expect(host.stderr()).toContain('stdout is not being read')
    let peak = 0
    for (let i = 0; i < 20; i++) {
      peak = Math.max(peak, rssMb(child.pid as number))
      await sleep(100)
    }
    expect(peak - before).toBeLessThan(150)
    child.stdout.resume()
    await host.waitFor((e) => e.type === 'events.dropped', 30_000)
    expect(await host.command('host.stats')).toMatchObject({ ok: true }) // answered again once it has room
    child.kill('SIGTERM')
    expect(await host.exited).toBe(0)
  }, 90_000)
})
