/**
 * The updater wired into the desktop: the facts the restart rule reads (actions in flight, waiting chats, shifts,
 * the agent away, the panel open), what runs before the new version starts, and what the tray's update item does.
 */
import { app, powerMonitor, shell } from 'electron'
import { isSnoozed, needsAttention } from '../../../shared/chat'
import type { PolicyStatus } from '../../../shared/policy'
import type { UpdateStatus } from '../../../shared/protocol'
import type { Logger } from '../../core/engine/log'
import type { RuntimeSupervisor } from '../../core/runtime/supervisor'
import type { PanelHandle } from '../platform/panel-window'
import { checkEveryFromEnv, updateDownloadHref } from './links'
import { restartBlocker } from './restart-gate'
import { createUpdater, type DesktopUpdater } from './updater'

/** Idle this long (or a locked screen), the agent counts as away: a quiet moment to restart for an update. */
const AWAY_AFTER_SECONDS = 15 * 60

/** What the desktop gives the updater. */
export interface DesktopUpdaterDeps {
  supervisor: RuntimeSupervisor
  panel: PanelHandle
  policy: PolicyStatus
  version: string
  packaged: boolean
  log: Logger
  /** Commands from the panel, toasts and tray still running. */
  pendingActions(): number
  notice(title: string, body: string): void
  onStatus(update: UpdateStatus): void
}

/** The updater, and the click of the tray's update item (restart, download, or check again). */
export function createDesktopUpdater(deps: DesktopUpdaterDeps): { updater: DesktopUpdater; menuItemClicked(): void } {
  const { supervisor, panel, log } = deps
  const settings = () => supervisor.current().options.settings.get()
  const updater = createUpdater({
    policy: deps.policy,
    channel: () => settings().app.updateChannel,
    version: deps.version,
    platform: process.platform,
    env: process.env,
    packaged: deps.packaged,
    log,
    now: () => Date.now(),
    onStatus: deps.onStatus,
    restartBlocker: () => {
      const now = Date.now()
      return restartBlocker({
        pendingActions: deps.pendingActions(),
        waitingChats: supervisor
          .current()
          .engine.store.all()
          .filter((chat) => needsAttention(chat) && !isSnoozed(chat, now)).length,
        shifts: settings().alerts.shifts,
        now,
        userAway: powerMonitor.getSystemIdleState(AWAY_AFTER_SECONDS) !== 'active',
        panelVisible: panel.isVisible(),
      })
    },
    notice: deps.notice,
    beforeRestart: async () => {
      await supervisor.stop()
      log.info('runtime stopped for the update')
      app.releaseSingleInstanceLock()
    },
    everyMs: checkEveryFromEnv(process.env),
  })
  const openDownload = (url: string) => {
    const href = updateDownloadHref(url)
    if (href) void shell.openExternal(href)
    else log.warn('refused to open an update link that is not https')
  }
  return {
    updater,
    menuItemClicked() {
      const update = updater.status()
      if (update.state === 'ready') updater.install(true)
      else if (update.state === 'available' && update.downloadUrl) openDownload(update.downloadUrl)
      else void updater.check('agent')
    },
  }
}
