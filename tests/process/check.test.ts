import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeHelpCrunch, type FakeHelpCrunch } from '../../electron/core/demo/fake-helpcrunch/server'

const root = join(import.meta.dirname, '..', '..')
const KEY = 'hc_right_key_0123456789'
let fake: FakeHelpCrunch
let apiUrl: string

beforeAll(async () => {
  fake = createFakeHelpCrunch({ apiKey: KEY })
  apiUrl = await fake.listen(0, '127.0.0.1')
})
afterAll(() => fake.close())

/** Runs `headless --check` with the flags; resolves with its exit code and stdout. */
function check(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      join(root, 'node_modules/.bin/tsx'),
      ['electron/hosts/headless.ts', '--check', '--listen', '127.0.0.1:0', ...args],
      { cwd: root },
    )
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.on('exit', (code) => resolve({ code, out }))
  })
}

describe('headless --check (as a process)', () => {
  it('fails with a line saying the key was rejected and where to get a new one', async () => {
    const { code, out } = await check(['--helpcrunch-url', apiUrl, '--helpcrunch-key', 'wrong-key'])
    expect(code).toBe(1)
    expect(out).toMatch(
      /^\[FAIL\] helpcrunch\.key +HelpCrunch rejected the API key \(HTTP 401 invalid_token\) — fix: create a key in HelpCrunch → Settings → Developers → Public API/m,
    )
    expect(out).not.toContain('wrong-key')
  })

  it('passes with the right key, printing one line per check', async () => {
    const { code, out } = await check([
      '--helpcrunch-url',
      apiUrl,
      '--helpcrunch-key',
      KEY,
      '--agent-id',
      '4188',
      '--deskdirector-secret',
      's3cret-for-check',
    ])
    expect(out).toMatch(/^\[ok {2}\] helpcrunch\.key/m)
    expect(out).toMatch(/^\[ok {2}\] helpcrunch\.agent +agent 4188 is/m)
    expect(out).toMatch(
      /^\[ok {2}\] helpcrunch\.search +the open-chat search works with status names \("on hold"\) \(/m,
    )
    expect(out).toMatch(/^\[ok {2}\] helpcrunch\.chat-model +the newest \d+ chats \(\d+ open\); carry no "updatedAt"/m)
    expect(out).toMatch(/^\[ok {2}\] helpcrunch\.domain +HelpCrunch's organisation domain is "acme\.helpcrunch\.com"/m)
    expect(out).toMatch(/^\[ok {2}\] helpcrunch\.mark-read +PUT \/chats\/readByAgent exists/m)
    expect(out).toMatch(
      /^\[ok {2}\] deskdirector\.delivery +a signed test delivery was accepted and applied end to end/m,
    )
    expect(out).toContain('all checks passed')
    expect(out).not.toContain('s3cret-for-check')
    expect(code).toBe(0)
  })

  it('--record DIR writes the answers it got, with names, emails and message texts replaced and no key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-tray-record-'))
    try {
      fake.db.addChat({ id: 91, customer: { id: 1, name: 'Mateus Real', email: 'mateus@real.example', userId: null } })
      const { code, out } = await check([
        '--helpcrunch-url',
        apiUrl,
        '--helpcrunch-key',
        KEY,
        '--agent-id',
        '4188',
        '--record',
        dir,
      ])
      expect(code).toBe(0)
      const files = readdirSync(dir).sort()
      expect(out).toContain(`recorded ${files.length} answers in ${dir} (names, emails and message texts replaced)`)
      expect(files).toEqual(expect.arrayContaining(['01-GET-v1-organization.json', '03-GET-v1-chats.json']))
      const all = files.map((file) => readFileSync(join(dir, file), 'utf8')).join('\n')
      for (const personal of ['Mateus Real', 'mateus@real.example', 'Hello, I need help', 'Ana Agent', KEY])
        expect(all).not.toContain(personal)
      const chats = JSON.parse(readFileSync(join(dir, '03-GET-v1-chats.json'), 'utf8'))
      expect(chats).toMatchObject({
        request: { method: 'GET', path: '/v1/chats' },
        response: { status: 200, body: { data: expect.any(Array) } },
      })
      expect(chats.response.body.data[0]).toMatchObject({ customer: { name: '<name 1>', email: '<email 1>' } })
      expect(chats.response.body.data[0]).not.toHaveProperty('updatedAt')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('--record without --check is a usage error (exit 2)', async () => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['electron/hosts/headless.ts', '--record', '/tmp/x'], {
      cwd: root,
    })
    let err = ''
    child.stderr.on('data', (chunk) => {
      err += chunk
    })
    const code = await new Promise((resolve) => child.on('exit', resolve))
    expect(code).toBe(2)
    expect(err).toContain('--record: only with --check')
  })

  it('fails when nothing is configured, and says how to fix it', async () => {
    const { code, out } = await check([])
    expect(code).toBe(1)
    expect(out).toMatch(/^\[FAIL\] sources +no help desk is configured.* — fix: .*--demo/m)
  })
})
