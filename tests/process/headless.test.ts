import { afterEach, describe, expect, it } from 'vitest'
import { type HeadlessProcess, startHeadless } from '../helpers/headless'

let host: HeadlessProcess | undefined
afterEach(() => {
  host?.child.kill('SIGKILL')
  host = undefined
})

describe('headless host (as a process)', () => {
  it('prints ready first, answers commands and bad lines, and stops cleanly on SIGTERM', async () => {
    host = startHeadless(['--listen', '127.0.0.1:0'])
    const ready = await host.waitFor((e) => e.type === 'ready')
    expect(host.events[0]).toBe(ready)
    expect(ready).toMatchObject({
      type: 'ready',
      listen: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      demo: false,
    })

    const health = await fetch(`${(ready as { listen: string }).listen}/health`)
    expect(health.status).toBe(200)

    expect(await host.command('snapshot.get')).toMatchObject({ ok: true, result: { chats: [] } })
    host.child.stdin.write('this is not json\n')
    host.child.stdin.write('{"id":"x","command":"no.such.command"}\n')
    await host.waitFor((e) => e.type === 'command.result' && e.id === 'x')
    const results = host.events.filter((e) => e.type === 'command.result')
    expect(results.slice(-2)).toEqual([
      { type: 'command.result', id: null, ok: false, error: { code: 'bad_command', message: 'not valid JSON' } },
      {
        type: 'command.result',
        id: 'x',
        ok: false,
        error: { code: 'bad_command', message: 'unknown command "no.such.command"' },
      },
    ])

    host.child.kill('SIGTERM')
    expect(await host.exited).toBe(0)
  })

  it('answers an endless line bad_command instead of growing until it crashes, and keeps reading', async () => {
    host = startHeadless(['--listen', '127.0.0.1:0'])
    await host.waitFor((e) => e.type === 'ready')
    // Like `< /dev/zero`: 3 MiB of NUL bytes with no newline, then one.
    const zeros = Buffer.alloc(256 * 1024)
    for (let i = 0; i < 12; i++) host.child.stdin.write(zeros)
    host.child.stdin.write('\n')
    const overlong = await host.waitFor((e) => e.type === 'command.result' && !e.ok)
    expect(overlong).toMatchObject({
      id: null,
      error: { code: 'bad_command', message: 'command line longer than 1 MiB' },
    })
    expect(await host.command('snapshot.get')).toMatchObject({ ok: true })
    expect(host.events.filter((e) => e.type === 'command.result' && !e.ok)).toHaveLength(1)
  })

  it('reads its options from the environment', async () => {
    host = startHeadless([], { CHAT_TRAY_LISTEN: '127.0.0.1:0', HELPCRUNCH_AGENT_ID: '4188' })
    await host.waitFor((e) => e.type === 'ready')
    const result = await host.command('settings.get')
    expect(result).toMatchObject({
      ok: true,
      result: { settings: { helpcrunch: { agentId: '4188' }, listener: { port: 0 } } },
    })
  })

  it('exits 2 with a precise message on a bad flag', async () => {
    host = startHeadless(['--listen', 'nowhere'])
    expect(await host.exited).toBe(2)
    expect(host.stderr()).toContain('--listen: expected HOST:PORT')
  })

  it('exits 1 when the listen address is taken', async () => {
    const first = startHeadless(['--listen', '127.0.0.1:0'])
    const ready = (await first.waitFor((e) => e.type === 'ready')) as { listen: string }
    host = startHeadless(['--listen', ready.listen.replace('http://', '')])
    expect(await host.exited).toBe(1)
    expect(host.stderr()).toMatch(/could not start.*EADDRINUSE/)
    first.child.kill('SIGKILL')
  })
})
