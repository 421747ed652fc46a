/**
 * Secrets encrypted with safeStorage (only ciphertext is written, DESIGN.md §8), implementing SecretsPort.
 * Values stay in main: nothing here emits events or logs a value. When the OS offers no encryption
 * the secret is kept in memory for this session only and never written in clear.
 */
import Store from 'electron-store'
import { SECRET_NAMES, type SecretName } from '../../../shared/settings'
import type { Logger } from '../engine/log'
import type { SecretsPort } from '../runtime/ports'

/** The part of Electron's safeStorage used here (injected so tests can use a fake). */
export interface Cipher {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
}

/** Opens the encrypted secrets store in `cwd`. */
export function createSecretsStore(cipher: Cipher, cwd: string, log: Logger): SecretsPort {
  const store = new Store<Record<string, string>>({ name: 'secrets', cwd, clearInvalidConfig: true })
  const sessionOnly = new Map<SecretName, string>()
  const known = new Set<string>(SECRET_NAMES)
  return {
    get(name) {
      if (sessionOnly.has(name)) return sessionOnly.get(name) ?? null
      const stored = store.get(name)
      if (typeof stored !== 'string' || !known.has(name)) return null
      try {
        return cipher.decryptString(Buffer.from(stored, 'base64'))
      } catch {
        log.warn('a stored secret could not be decrypted; enter it again', { name })
        return null
      }
    },
    set(name, value) {
      sessionOnly.delete(name)
      if (value === null || value === '') return store.delete(name)
      if (!cipher.isEncryptionAvailable()) {
        log.warn('OS encryption unavailable: secret kept for this session only', { name })
        sessionOnly.set(name, value)
        return
      }
      store.set(name, cipher.encryptString(value).toString('base64'))
    },
  }
}
