/**
 * Settings persisted with electron-store (the single source of truth: docs/architecture.md), implementing the
 * runtime's SettingsPort. A file that is not JSON is moved aside and defaults are used; invalid fields
 * fall back to their defaults one by one (see settings-recovery.ts).
 */
import { existsSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import Store, { type Options } from 'electron-store'
import type { Settings } from '../../../shared/settings'
import type { Logger } from '../../core/engine/log'
import type { SettingsPort } from '../../core/engine/ports'
import { applySettingsPatch } from '../../core/runtime/ports'
import { PRIVATE_FILE_MODE } from './secrets-store'
import { recoverSettings } from './settings-recovery'

/** File name (without `.json`) of the settings store. */
export const SETTINGS_FILE = 'settings'

/** Migrations by app version; each gets the raw store (run once, in order, by electron-store). */
export const SETTINGS_MIGRATIONS: NonNullable<Options<Record<string, unknown>>['migrations']> = {
  // 0.1.0 used `alerts.quiet` for what is now privacy mode.
  '0.1.0': (store) => {
    if (store.has('alerts.quiet')) {
      store.set('alerts.privacy', Boolean(store.get('alerts.quiet')))
      store.delete('alerts.quiet')
    }
  },
}

/** Options of `createSettingsStore`. */
export interface SettingsStoreOptions {
  /** Directory of the file (the app passes userData). */
  cwd: string
  version: string
  log: Logger
  /** Clock for the name of a file kept aside. */
  now?: () => number
}

/** Opens (or creates) the settings store. */
export function createSettingsStore(options: SettingsStoreOptions): SettingsPort & { path: string } {
  const path = join(options.cwd, `${SETTINGS_FILE}.json`)
  keepCorruptFileAside(path, options)
  const store = new Store<Record<string, unknown>>({
    name: SETTINGS_FILE,
    cwd: options.cwd,
    projectVersion: options.version,
    migrations: SETTINGS_MIGRATIONS,
    clearInvalidConfig: true,
    // Settings name the help-desk account; other local users have no business reading them.
    configFileMode: PRIVATE_FILE_MODE,
  })
  const recovered = recoverSettings(store.store)
  if (recovered.problems.length > 0) {
    options.log.warn('settings: invalid fields replaced by defaults', { problems: recovered.problems })
  }
  let current: Settings = recovered.settings
  store.store = { ...current }
  return {
    path,
    get: () => current,
    update(patch) {
      current = applySettingsPatch(current, patch)
      store.store = { ...current }
      return current
    },
  }
}

function keepCorruptFileAside(path: string, options: SettingsStoreOptions): void {
  if (!existsSync(path)) return
  try {
    JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    const aside = `${path}.corrupt-${(options.now ?? Date.now)()}`
    renameSync(path, aside)
    options.log.warn('settings file was not valid JSON; kept aside, using defaults', { aside })
  }
}
