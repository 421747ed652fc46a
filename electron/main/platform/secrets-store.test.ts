import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { silentLogger } from '../../core/engine/log'
import { memorySettings } from '../../core/runtime/ports'
import { createRuntime } from '../../core/runtime/runtime'

vi.mock('electron', () => {
  const e = {}
  return { ...e, default: e }
})

import { type Cipher, openSecretsStore, protectionNotice } from './secrets-store'

/** A reversible stand-in for safeStorage's async API (XOR + marker), so the plain text never appears in its output. */
const xor = (bytes: Uint8Array) => Buffer.from(bytes.map((b) => b ^ 0x5a))
const cipher = (available = true, backend?: string): Cipher => ({
  isAsyncEncryptionAvailable: async () => available,
  encryptStringAsync: async (plain) => Buffer.from(`enc:${xor(Buffer.from(plain)).toString('hex')}`),
  decryptStringAsync: async (buf) => ({
    result: xor(Buffer.from(buf.toString().slice(4), 'hex')).toString('utf8'),
    shouldReEncrypt: false,
  }),
  getSelectedStorageBackend: backend ? () => backend : undefined,
})
const KEY = 'hc-super-secret-key-123'
const tmp = () => mkdtempSync(join(tmpdir(), 'chat-tray-secrets-'))

describe('secrets store', () => {
  it('writes only ciphertext, owner-readable only, and reads the value back', async () => {
    const cwd = tmp()
    const secrets = await openSecretsStore(cipher(), cwd, silentLogger, 'linux')
    secrets.set('helpcrunch.apiKey', KEY)
    await secrets.flushed()
    const file = join(cwd, 'secrets.json')
    expect(readFileSync(file, 'utf8')).not.toContain(KEY)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect((await openSecretsStore(cipher(), cwd, silentLogger, 'linux')).get('helpcrunch.apiKey')).toBe(KEY)
    secrets.set('helpcrunch.apiKey', null)
    expect(secrets.get('helpcrunch.apiKey')).toBeNull()
  })

  it('keeps a secret in memory only when the OS has no encryption, and says so', async () => {
    const cwd = tmp()
    const secrets = await openSecretsStore(cipher(false), cwd, silentLogger, 'win32')
    secrets.set('deskdirector.secrets', KEY)
    await secrets.flushed()
    expect(secrets.get('deskdirector.secrets')).toBe(KEY)
    expect(secrets.protection).toEqual({ kind: 'session-only', reason: 'no-encryption' })
    expect((await openSecretsStore(cipher(false), cwd, silentLogger, 'win32')).get('deskdirector.secrets')).toBeNull()
  })

  it("treats Linux's basic_text backend (no keyring, a hard-coded password) as no encryption", async () => {
    const cwd = tmp()
    const secrets = await openSecretsStore(cipher(true, 'basic_text'), cwd, silentLogger, 'linux')
    secrets.set('helpcrunch.apiKey', KEY)
    await secrets.flushed()
    expect(secrets.protection).toEqual({ kind: 'session-only', reason: 'no-keyring' })
    expect(protectionNotice(secrets.protection)?.title).toMatch(/keyring/)
    expect((await openSecretsStore(cipher(true, 'gnome_libsecret'), cwd, silentLogger, 'linux')).protection).toEqual({
      kind: 'os',
    })
    expect(protectionNotice({ kind: 'os' })).toBeNull()
  })

  it('never returns a secret value through commands or events', async () => {
    const runtime = createRuntime({
      settings: memorySettings(),
      secrets: await openSecretsStore(cipher(), tmp(), silentLogger, 'darwin'),
      log: silentLogger,
      version: '0',
      stateDir: null,
      demo: false,
    })
    const seen: unknown[] = []
    runtime.engine.bus.subscribe((e) => seen.push(e))
    const d = runtime.engine.dispatcher
    const outcomes = [
      await d.runUntrusted('secrets.set', { name: 'helpcrunch.apiKey', value: KEY }),
      await d.runUntrusted('secrets.status', {}),
      await d.runUntrusted('snapshot.get', {}),
      await d.runUntrusted('settings.get', {}),
      await d.runUntrusted('settings.update', { patch: { app: { theme: 'dark' } } }),
    ]
    expect(outcomes[0]).toEqual({ ok: true, result: { name: 'helpcrunch.apiKey', configured: true } })
    expect(JSON.stringify([outcomes, seen])).not.toContain(KEY)
  })
})
