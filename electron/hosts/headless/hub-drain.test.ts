/**
 * A stopping hub leaves its load balancer first: from the first moment of `stop()` `/ready` answers `503`
 * `draining`, for as long as the stop waits (here: a command in flight on a help desk that has not answered), while
 * `/health` still answers `200`. In process, so the command is known to be running before the stop begins.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../core/engine/log'
import { runHeadless } from './host'
import { parseOptions } from './options'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('a hub that stops', () => {
  it('answers /ready 503 draining from the start of the stop until the listener closes', async () => {
    const held: ServerResponse[] = []
    const api = createServer((_req, res) => {
      held.push(res)
    })
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => {
      api.closeAllConnections()
      return new Promise((resolve) => api.close(resolve))
    })
    const release = () => {
      for (const res of held.splice(0)) res.writeHead(503, { 'content-type': 'application/json' }).end('{}')
    }
    const dir = mkdtempSync(join(tmpdir(), 'chat-tray-hub-drain-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const tokens = join(dir, 'tokens.json')
    writeFileSync(tokens, JSON.stringify([{ token: 'tok-drain-0123456789abcdef', agent: 'Mia Novak' }]))
    const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`
    const options = parseOptions(
      ['--listen', '127.0.0.1:0', '--hub-tokens', tokens, '--helpcrunch-url', apiUrl, '--helpcrunch-key', 'hc-k-0123'],
      {},
      true,
    )
    const stdin = new PassThrough()
    const stdout = new PassThrough()
    stdout.resume()
    const host = await runHeadless(options, { stdin, stdout, stderr: { write: () => true }, log: silentLogger }, 't')
    const url = host.listen as string
    expect((await fetch(`${url}/ready`)).status).toBe(200)

    // A command that waits on the help desk: the stop waits for it (up to the deadline given).
    stdin.write('{"id":"1","command":"setup.check"}\n')
    const asked = held.length
    await expect.poll(() => held.length).toBeGreaterThan(asked)
    const stopped = host.stop(60_000)
    const ready = await fetch(`${url}/ready`)
    expect(ready.status).toBe(503)
    expect(await ready.json()).toMatchObject({ ready: false, status: 'draining', role: 'single' })
    expect((await fetch(`${url}/health`)).status).toBe(200)
    release()
    await stopped
    await expect(fetch(`${url}/ready`)).rejects.toThrow()
  })
})
