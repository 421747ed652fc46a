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
import { allowedExternalHref } from './external-links'
import { answerHostCommand } from './host-commands'
import { registerCommandIpc, sendEvent } from './ipc'
import { createNotifier } from './notifications'
import { createPanel } from './panel-window'
import { createProblemReporter } from './problems'
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

/** The live desktop shell. */
export interface Desktop {
  /** Opens the panel (single-instance handler, macOS `activate`). */
  showPanel(): void
  /** Tells the user something went wrong that the panel cannot show (a toast; always logged). */
  reportProblem(title: string, error: unknown): void
  /** A plain toast about the app itself. */
  notice(title: string, body: string): void
}

/**
 * Builds and connects every desktop service. The page loads in the background: a page that fails to load is
 * reported and retried on the next show, and never holds back the runtime, the tray or the toasts.
 */
export function startDesktop(options: DesktopOptions): Desktop {
  const { supervisor, log } = options
  const platform = process.platform
  const engine = () => supervisor.current().engine
  const settings = () => supervisor.current().options.settings.get()
  const demo = () => supervisor.mode() === 'demo'
  const dispatch = (name: string, params: unknown) => supervisor.dispatch(name, params)
  const problems = createProblemReporter(log)
  const panel = createPanel({
    ...options,
    platform,
    onLoadFailed: (error) => problems.report('Chat Tray could not load its panel', error),
  })
  let localDnd: number | null = null
  let unseen = 0
  registerCommandIpc(
    { contentsId: () => panel.contents()?.id ?? null, pageUrl: panel.pageUrl },
    (name, params) => {
      // Hosts without an alert feed still clear the tray's unread state when the panel's feed is seen.
      if (name === 'alerts.seen') unseen = 0
      const local = answerHostCommand(name, params, {
        isPinned: panel.isPinned,
        setPinned: (next) => {
          panel.setPinned(next)
          scheduleTray()
        },
        requestedShortcut: () => settings().app.globalShortcut,
        activeShortcut: () => shortcut,
      })
      if (local) return Promise.resolve(local)
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
    // Open the parsed href, never the raw string: what was checked is exactly what the browser gets.
    const href = allowedExternalHref(url, settings())
    if (href === null) {
      log.warn('refused to open a URL outside the help-desk hosts', { host: safeHost(url) })
      return
    }
    shell.openExternal(href).catch((error: unknown) => log.warn('could not open a link', { error: String(error) }))
  }
  const openChat = async (key: string) => {
    const outcome = await dispatch('chat.open', { key })
    if (outcome.ok) openUrl((outcome.result as { url: string }).url)
  }
  const showPanel = () => panel.showNear(tray.bounds())

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
      refreshTray().catch((error: unknown) => log.warn('tray refresh failed', { error: String(error) }))
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
      openSettings: () => panel.showRoute(tray.bounds(), 'settings'),
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
    platform,
  })
  problems.attach(notifier)

  let shortcut: string | null = null
  const applySettings = (next: Settings) => {
    shortcut = applyGlobalShortcut(next.app.globalShortcut, shortcut, () => panel.toggle(tray.bounds()), log)
    applyLoginItem(next.app.launchAtLogin, log)
    nativeTheme.themeSource = next.app.theme
  }
  applySettings(settings())

  supervisor.subscribe((event) => {
    sendEvent(panel.contents(), event)
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
  void panel.load()
  return { showPanel, reportProblem: problems.report, notice: notifier.notice }
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
