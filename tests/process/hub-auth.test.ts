/** The hub's client API contract: bearer tokens (missing, wrong, revoked), and `POST /v1/commands` answers. */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  AGENTS,
  openStream,
  postCommand,
  processesPerTest,
  readyUrl,
  startClient,
  startHub,
  writeTokens,
} from '../helpers/hub'

const { track, dir: testDir } = processesPerTest()
const [MIA, LEO] = AGENTS as [(typeof AGENTS)[0], (typeof AGENTS)[1]]

async function hub(): Promise<{ url: string; tokens: string }> {
  const dir = testDir('hub-auth')
  const tokens = writeTokens(join(dir, 'tokens.json'))
  const host = startHub({ tokens, stateDir: join(dir, 'hub') })
  track(host)
  return { url: await readyUrl(host), tokens }
}

describe('hub authentication and commands', () => {
  it('answers a missing, malformed or unknown token with 401 and nothing else, on both routes', async () => {
    const { url } = await hub()
    for (const token of [null, 'tok-nobody-0123456789abcdef', `${MIA.token}x`]) {
      const stream = await openStream(url, token)
      expect(stream.response.status).toBe(401)
      expect(await stream.response.json()).toEqual({ error: 'unauthorized' })
      expect(stream.response.headers.get('www-authenticate')).toBe('Bearer')
      const command = await postCommand(url, token, '{"id":"1","command":"snapshot.get"}')
      expect(command).toEqual({ status: 401, json: { error: 'unauthorized' } })
    }
    const basic = await fetch(`${url}/v1/stream`, { headers: { authorization: `Basic ${MIA.token}` } })
    expect(basic.status).toBe(401)
  })

  it('runs a command like command.result, and answers malformed JSON or an unknown command with 400 bad_command', async () => {
    const { url } = await hub()
    const snapshot = await postCommand(url, MIA.token, '{"id":"s1","command":"snapshot.get"}')
    expect(snapshot).toMatchObject({
      status: 200,
      json: {
        id: 's1',
        ok: true,
        result: { chats: [], alerts: [], agent: { name: 'Mia Novak', me: MIA.me } },
      },
    })
    expect(await postCommand(url, MIA.token, '{"id":"x",')).toEqual({
      status: 400,
      json: { id: null, ok: false, error: { code: 'bad_command', message: 'not valid JSON' } },
    })
    const unknown = await postCommand(url, MIA.token, '{"id":"u1","command":"settings.update","patch":{}}')
    expect(unknown).toMatchObject({ status: 400, json: { id: 'u1', ok: false, error: { code: 'bad_command' } } })
    expect(await postCommand(url, MIA.token, '[1]')).toMatchObject({
      status: 400,
      json: { error: { code: 'bad_command' } },
    })
    const invalid = await postCommand(url, MIA.token, '{"id":7,"command":"chat.snooze","preset":"1h"}')
    expect(invalid).toMatchObject({ status: 200, json: { id: '7', ok: false, error: { code: 'invalid_params' } } })
    const missing = await postCommand(url, MIA.token, '{"id":"m","command":"chat.read","key":"deskdirector:nope"}')
    expect(missing).toMatchObject({ status: 200, json: { id: 'm', ok: false, error: { code: 'not_found' } } })
  })

  it("closes a removed token's open streams, and the desktop shows auth-failed", async () => {
    const { url, tokens } = await hub()
    const leo = await openStream(url, LEO.token)
    const mia = await openStream(url, MIA.token)
    await leo.waitFor((m) => m.event === 'snapshot')
    await mia.waitFor((m) => m.event === 'snapshot')
    const desktop = startClient(url, LEO.token, join(testDir('hub-auth'), 'leo'))
    track(desktop)
    await desktop.waitFor((e) => e.type === 'source.status' && e.status.source === 'hub' && e.status.state === 'ok')

    writeTokens(
      tokens,
      AGENTS.filter((a) => a !== LEO),
    )
    // The file is re-read on change (fs.watch, or the 1 s poll): the stream ends, well inside the 5 s contract.
    await leo.done
    expect(leo.closed()).toBe(true)
    await desktop.waitFor(
      (e) => e.type === 'source.status' && e.status.source === 'hub' && e.status.state === 'auth-failed',
      10_000,
    )
    expect(mia.closed()).toBe(false)
    expect((await openStream(url, LEO.token)).response.status).toBe(401)
    mia.close()
  })

  it('--check with --hub checks the hub connection and the token (exit 0 / 1)', async () => {
    const { url } = await hub()
    const check = (token: string) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        const args = ['--import', 'tsx', 'electron/hosts/headless.ts', '--hub', url, '--hub-token', token, '--check']
        execFile(process.execPath, args, { cwd: join(import.meta.dirname, '..', '..') }, (error, stdout) =>
          resolve({ code: error ? Number(error.code) : 0, out: stdout }),
        )
      })
    const good = await check(MIA.token)
    expect(good).toMatchObject({ code: 0 })
    expect(good.out).toContain('following')
    expect(good.out).toContain('as Mia Novak')
    const bad = await check('tok-nobody-0123456789abcdef')
    expect(bad.code).toBe(1)
    expect(bad.out).toContain('refused this token (401)')
    expect(bad.out).not.toContain('tok-nobody')
  })
})
