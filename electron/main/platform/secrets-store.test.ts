import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { silentLogger } from '../engine/log'
import { memorySettings } from '../runtime/ports'
import { createRuntime } from '../runtime/runtime'

vi.mock('electron', () => {
  const e = {}
  return { ...e, default: e }
})

import { type Cipher, createSecretsStore } from './secrets-store'

/** A reversible stand-in for safeStorage (XOR + marker), so the plain text never appears in its output. */
const xor = (bytes: Uint8Array) => Buffer.from(bytes.map((b) => b ^ 0x5a))
const cipher = (available = true): Cipher => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from(`enc:${xor(Buffer.from(plain)).toString('hex')}`),
  decryptString: (buf) => xor(Buffer.from(buf.toString().slice(4), 'hex')).toString('utf8'),
})
const KEY = 'hc-super-secret-key-123'

describe('secrets store', () => {
  it('writes only ciphertext and reads the value back', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'chat-tray-secrets-'))
    const secrets = createSecretsStore(cipher(), cwd, silentLogger)
    secrets.set('helpcrunch.apiKey', KEY)
    expect(readFileSync(join(cwd, 'secrets.json'), 'utf8')).not.toContain(KEY)
    expect(createSecretsStore(cipher(), cwd, silentLogger).get('helpcrunch.apiKey')).toBe(KEY)
    secrets.set('helpcrunch.apiKey', null)
    expect(secrets.get('helpcrunch.apiKey')).toBeNull()
  })

  it('keeps a secret in memory only when the OS has no encryption', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'chat-tray-secrets-'))
    const secrets = createSecretsStore(cipher(false), cwd, silentLogger)
    secrets.set('deskdirector.secrets', KEY)
    expect(secrets.get('deskdirector.secrets')).toBe(KEY)
    expect(createSecretsStore(cipher(false), cwd, silentLogger).get('deskdirector.secrets')).toBeNull()
  })

  it('never returns a secret value through commands or events', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'chat-tray-secrets-'))
    const runtime = createRuntime({
      settings: memorySettings(),
      secrets: createSecretsStore(cipher(), cwd, silentLogger),
      log: silentLogger,
      version: '0',
      stateDir: null,
      demo: false,
    })
    const seen: unknown[] = []
    runtime.engine.bus.subscribe((e) => seen.push(e))
    const d = runtime.engine.dispatcher
    const outcomes = [
      await d.dispatch('secrets.set', { name: 'helpcrunch.apiKey', value: KEY }),
      await d.dispatch('secrets.status', {}),
      await d.dispatch('snapshot.get', {}),
      await d.dispatch('settings.get', {}),
      await d.dispatch('settings.update', { patch: { app: { theme: 'dark' } } }),
    ]
    expect(outcomes[0]).toEqual({ ok: true, result: { name: 'helpcrunch.apiKey', configured: true } })
    expect(JSON.stringify([outcomes, seen])).not.toContain(KEY)
  })
})
