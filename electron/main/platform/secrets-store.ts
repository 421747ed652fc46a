/**
 * Secrets encrypted with safeStorage (only ciphertext is written: docs/architecture.md, "Settings and secrets"), implementing SecretsPort.
 * Values stay in main: nothing here emits events or logs a value. Electron 45 deprecates the sync safeStorage
 * calls, so the store decrypts once when it opens and encrypts in the background on each change. When the OS
 * offers no real encryption — none at all, or Linux without a keyring, where Chromium's `basic_text` backend
 * uses a hard-coded password — a secret is kept in memory for this session only, never written, and `protection`
 * says so, so the app can tell the user (docs/desktop-shell.md).
 */
import Store from 'electron-store'
import { SECRET_NAMES, type SecretName } from '../../../shared/settings'
import type { Logger } from '../../core/engine/log'
import type { SecretsPort } from '../../core/engine/ports'

/** The part of Electron's safeStorage used here (injected so tests can use a fake). */
export interface Cipher {
  isAsyncEncryptionAvailable(): Promise<boolean>
  encryptStringAsync(plain: string): Promise<Buffer>
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>
  /** Linux only: which password store Chromium picked. */
  getSelectedStorageBackend?(): string
}

/** How secrets are protected on this machine. */
export type SecretProtection = { kind: 'os' } | { kind: 'session-only'; reason: 'no-encryption' | 'no-keyring' }

/** The secrets port plus how it protects what it stores. */
export interface SecretsStore extends SecretsPort {
  protection: SecretProtection
  /** Resolves when every background write so far has finished. */
  flushed(): Promise<void>
}

/** Files holding settings and secrets are readable by their owner only. */
export const PRIVATE_FILE_MODE = 0o600

/** Opens the encrypted secrets store in `cwd` and decrypts what it holds. */
export async function openSecretsStore(
  cipher: Cipher,
  cwd: string,
  log: Logger,
  platform: NodeJS.Platform,
): Promise<SecretsStore> {
  const store = new Store<Record<string, string>>({
    name: 'secrets',
    cwd,
    clearInvalidConfig: true,
    configFileMode: PRIVATE_FILE_MODE,
  })
  const protection = await detectProtection(cipher, platform)
  const values = new Map<SecretName, string>()
  let writes: Promise<unknown> = Promise.resolve()
  const persist = (name: SecretName, value: string) => {
    writes = writes.then(async () => {
      try {
        const encrypted = await cipher.encryptStringAsync(value)
        if (values.get(name) === value) store.set(name, encrypted.toString('base64'))
      } catch {
        log.warn('a secret could not be encrypted; it is kept for this session only', { name })
      }
    })
  }
  for (const name of SECRET_NAMES) {
    const stored = store.get(name)
    if (typeof stored !== 'string') continue
    try {
      const { result, shouldReEncrypt } = await cipher.decryptStringAsync(Buffer.from(stored, 'base64'))
      values.set(name, result)
      if (shouldReEncrypt && protection.kind === 'os') persist(name, result)
    } catch {
      log.warn('a stored secret could not be decrypted; enter it again', { name })
    }
  }
  if (protection.kind === 'session-only')
    log.warn('secrets are kept for this session only', { reason: protection.reason })
  return {
    protection,
    flushed: () => writes.then(() => undefined),
    get: (name) => values.get(name) ?? null,
    set(name, value) {
      if (value === null || value === '') {
        values.delete(name)
        store.delete(name)
        return
      }
      values.set(name, value)
      if (protection.kind === 'os') persist(name, value)
    },
  }
}

async function detectProtection(cipher: Cipher, platform: NodeJS.Platform): Promise<SecretProtection> {
  if (!(await cipher.isAsyncEncryptionAvailable().catch(() => false)))
    return { kind: 'session-only', reason: 'no-encryption' }
  if (platform === 'linux' && cipher.getSelectedStorageBackend?.() === 'basic_text')
    return { kind: 'session-only', reason: 'no-keyring' }
  return { kind: 'os' }
}

/** What to tell the user when secrets cannot be protected, or null when they are. */
export function protectionNotice(protection: SecretProtection): { title: string; body: string } | null {
  if (protection.kind === 'os') return null
  return protection.reason === 'no-keyring'
    ? {
        title: 'No system keyring: API keys are not saved',
        body: 'Chat Tray keeps them for this session only. Install and unlock GNOME Keyring or KWallet, then restart Chat Tray.',
      }
    : {
        title: 'No OS encryption: API keys are not saved',
        body: 'Chat Tray keeps them for this session only and asks again after a restart.',
      }
}
