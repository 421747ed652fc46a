/**
 * The desktop-only commands about the app itself (shared/protocol/desktop.ts): `desktop.status`, `update.check`,
 * `update.install` and `notifications.test`. Answered here, before the dispatcher (which answers `unsupported`).
 */
import { commandSchemas, type DesktopStatus, type TestAlertResult } from '../../../shared/protocol'
import type { DispatchOutcome } from '../../core/engine/dispatcher'
import type { DesktopUpdater } from '../updates/updater'

/** What the commands work on. */
export interface DesktopCommandDeps {
  status(): DesktopStatus
  updater: DesktopUpdater
  testToast(): Promise<Omit<TestAlertResult, 'toasts'>>
}

const NAMES = ['desktop.status', 'update.check', 'update.install', 'notifications.test'] as const

/** The outcome of one of these commands, or null for any other command. */
export function answerDesktopCommand(
  name: string,
  params: unknown,
  deps: DesktopCommandDeps,
): Promise<DispatchOutcome> | null {
  const known = NAMES.find((n) => n === name)
  if (!known) return null
  if (!commandSchemas[known].safeParse(params).success)
    return Promise.resolve({ ok: false, error: { code: 'invalid_params', message: `${known} takes no parameters` } })
  const ok = (result: unknown): DispatchOutcome => ({ ok: true, result }) as DispatchOutcome
  if (known === 'desktop.status') return Promise.resolve(ok(deps.status()))
  if (known === 'update.check') return deps.updater.check('agent').then(ok)
  if (known === 'update.install') return Promise.resolve(ok(deps.updater.install(true)))
  return deps.testToast().then((result) => ok({ ...result, toasts: deps.status().toasts }))
}
