/**
 * Wires the runtime to the desktop: panel window, IPC, tray, toasts, shortcut, login item and wake events.
 * Every piece lives in its own file; this one only connects them. It reaches the runtime only through the
 * supervisor, so everything follows a swap between the real and the demo runtime.
 */
import { join } from 'node:path'
import { app, nativeTheme, shell } from 'electron'
import type { Chat } from '../../../shared/chat'
import type { Settings } from '../../../shared/settings'
import type { Logger } from '../engine/log'
import type { RuntimeSupervisor } from '../runtime/supervisor'
import { isAllowedExternalUrl } from './external-links'
import { registerCommandIpc, sendEvent } from './ipc'
import { createNotifier } from './notifications'
import { createPanel } from './panel-window'
import { applyGlobalShortcut, applyLoginItem, onWake } from './system'
import { createTray } from './tray'
import { dndUntil } from './tray-menu'
import { buildTrayView } from './tray-view'

/** Paths and facts the desktop needs from the composition root. */
export interface DesktopOptions {
  supervisor: RuntimeSupervisor
  log: Logger
  logFolder: string
  preloadPath: string
  indexFile: string
  devUrl: string | null
  iconDir: string
}

/** The live desktop shell; `showPanel` is used by the single-instance handler. */
export interface Desktop {
  showPanel(): void
}

/** Builds and connects every desktop service. */
export async function startDesktop(options: DesktopOptions): Promise<Desktop> {
  const { supervisor, log } = options
  const engine = () => supervisor.current().engine
  const settings = () => supervisor.current().options.settings.get()
  const demo = () => supervisor.mode() === 'demo'
  const dispatch = (name: string, params: unknown) => supervisor.dispatch(name, params)
  const panel = createPanel(options)
  let localDnd: number | null = null
  let unseen = 0
  registerCommandIpc(
    { contents: panel.window.webContents, pageUrl: panel.pageUrl },
    (name, params) => {
      // Hosts without an alert feed still clear the tray's unread state when the panel's feed is seen.
      if (name === 'alerts.seen') unseen = 0
      return dispatch(name, params)
        .then((outcome) => {
          // The sandboxed panel cannot open links itself; main opens the chat's URL (through the allowlist).
          if (name === 'chat.open' && outcome.ok) openUrl((outcome.result as { url: string }).url)
          return outcome
        })
        .finally(scheduleTray)
    },
    log,
  )

  const openUrl = (url: string) => {
    if (isAllowedExternalUrl(url, settings())) void shell.openExternal(url)
    else log.warn('refused to open a URL outside the help-desk hosts', { host: safeHost(url) })
  }
  const openChat = async (key: string) => {
    const outcome = await dispatch('chat.open', { key })
    if (outcome.ok) openUrl((outcome.result as { url: string }).url)
  }
  const showPanel = () => panel.showNear(tray.bounds())
  const openSettings = () => {
    showPanel()
    void panel.window.webContents.executeJavaScript("location.hash = '#settings'")
  }

  const refreshTray = async () => {
    const snapshot = await dispatch('snapshot.get', {})
    const alerts = await dispatch('alerts.list', {})
    if (!snapshot.ok) return
    const snap = snapshot.result as { chats: Chat[]; dndUntil: number | null; sources: never[] }
    const unseenAlerts = alerts.ok ? (alerts.result as { unseen: number }).unseen : unseen
    const inputs = { ...snap, dndUntil: snap.dndUntil ?? localDnd, unseenAlerts, now: engine().now() }
    tray.update(buildTrayView(inputs, panel.isPinned(), demo()))
  }
  // Coalesces bursts of events (a poll applying 50 chats) into one tray redraw.
  let trayTimer: ReturnType<typeof setTimeout> | null = null
  const scheduleTray = () => {
    if (trayTimer) return
    trayTimer = setTimeout(() => {
      trayTimer = null
      void refreshTray()
    }, 200)
  }

  const tray = createTray(
    options.iconDir,
    {
      openChat: (key) => void openChat(key),
      snoozeAll: () => {
        const now = engine().now()
        for (const chat of engine().store.all())
          if (['waiting', 'missed', 'callback'].includes(chat.state) && !(chat.snoozedUntil && chat.snoozedUntil > now))
            void dispatch('chat.snooze', { key: chat.key, preset: '15m' })
      },
      setDnd: (choice) => {
        localDnd = dndUntil(choice, engine().now())
        void dispatch('dnd.set', { until: localDnd }).then(scheduleTray)
      },
      openPanel: showPanel,
      openSettings,
      togglePinned: () => {
        panel.setPinned(!panel.isPinned())
        scheduleTray()
      },
      toggleDemo: () => void supervisor.setDemo(!demo()),
      openLogFolder: () => void shell.openPath(options.logFolder),
      quit: () => app.quit(),
    },
    () => panel.toggle(tray.bounds()),
  )

  const notifier = createNotifier({
    dispatch: (command) => dispatch(command.name, command.params),
    openUrl,
    showPanel,
    privacy: () => settings().alerts.privacy,
    demo,
    log,
    platform: process.platform,
  })

  let shortcut: string | null = null
  const applySettings = (next: Settings) => {
    shortcut = applyGlobalShortcut(next.app.globalShortcut, shortcut, () => panel.toggle(tray.bounds()), log)
    applyLoginItem(next.app.launchAtLogin)
    nativeTheme.themeSource = next.app.theme
  }
  applySettings(settings())

  supervisor.subscribe((event) => {
    sendEvent(panel.window.webContents, event)
    // A (re)started runtime: its own settings, do-not-disturb and feed replace the previous one's.
    if (event.type === 'ready') {
      localDnd = null
      unseen = 0
      applySettings(settings())
    }
    if (event.type === 'alert') {
      unseen++
      notifier.show(event.alert)
    }
    if (event.type === 'settings.changed') applySettings(event.settings)
    scheduleTray()
  })
  onWake(() => void dispatch('sources.refresh', {}))
  scheduleTray()
  await panel.load()
  return { showPanel }
}

/** Host of a URL for logs (never the full URL: it may carry ids). */
function safeHost(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'invalid'
  }
}

/**
 * Where tray icons live: in the repo in development; packaged, electron-builder's
 * `extraResources: {from: 'resources', to: 'resources'}` puts them in `<resourcesPath>/resources/tray`.
 */
export function trayIconDir(): string {
  const base = app.isPackaged ? process.resourcesPath : app.getAppPath()
  return join(base, 'resources', 'tray')
}
