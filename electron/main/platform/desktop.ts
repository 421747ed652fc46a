/**
 * Wires the runtime to the desktop: panel window, IPC, tray, toasts, shortcut, login item and wake events.
 * Every piece lives in its own file; this one only connects them. It reaches the runtime only through the
 * supervisor, so everything follows a swap between the real and the demo runtime.
 */
import { join } from 'node:path'
import { app, nativeTheme, shell } from 'electron'
import { collisionChips, collisionLine } from '../../../shared/collision'
import { NO_POLICY, type PolicyStatus } from '../../../shared/policy'
import type { Settings } from '../../../shared/settings'
import type { TypedDispatch } from '../../core/engine/dispatcher'
import type { Logger } from '../../core/engine/log'
import type { RuntimeSupervisor } from '../../core/runtime/supervisor'
import { createDesktopUpdater } from '../updates/desktop-updater'
import { followChatOpen } from './chat-opener'
import { withDesktopChecks } from './desktop-checks'
import { answerDesktopCommand } from './desktop-commands'
import { createDesktopStatus } from './desktop-status'
import { allowedExternalHref } from './external-links'
import { answerHostCommand } from './host-commands'
import { registerCommandIpc, sendEvent } from './ipc'
import { createNotifier } from './notifications'
import { createPanel } from './panel-window'
import { createProblemReporter } from './problems'
import { applyGlobalShortcut, applyLoginItem, onActivity, onWake } from './system'
import { initialToasts } from './toast-guidance'
import { createTrayController } from './tray-controller'
import { followTrayPresence } from './tray-presence'

/** Paths and facts the desktop needs from the composition root. */
export interface DesktopOptions {
  supervisor: RuntimeSupervisor
  log: Logger
  logFolder: string
  preloadPath: string
  indexFile: string
  devUrl: string | null
  iconDir: string
  /** The machine policy in force (updates off, a pinned feed). Default: none. */
  policy?: PolicyStatus
  /** The running version and whether this is an installed (packaged) build; defaults: Electron's. */
  version?: string
  packaged?: boolean
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
  const settings = () => supervisor.current().options.settings.get()
  const demo = () => supervisor.mode() === 'demo'
  const dispatch: TypedDispatch = (name, params) => track(supervisor.run(name, params))
  const problems = createProblemReporter(log)
  // Commands in flight from the panel, toasts and tray: the app never restarts for an update in the middle of one.
  let pending = 0
  const track = <T>(work: Promise<T>): Promise<T> => {
    pending++
    return work.finally(() => pending--)
  }
  const panel = createPanel({
    ...options,
    platform,
    onLoadFailed: (error) => problems.report('Chat Tray could not load its panel', error),
  })
  const openUrl = (url: string) => {
    // Open the parsed href, never the raw string: what was checked is exactly what the browser gets.
    const href = allowedExternalHref(url, settings())
    if (href === null) {
      log.warn('refused to open a URL outside the help-desk hosts', { host: safeHost(url) })
      return
    }
    shell.openExternal(href).catch((error: unknown) => log.warn('could not open a link', { error: String(error) }))
  }
  const { updater, menuItemClicked } = createDesktopUpdater({
    supervisor,
    panel,
    policy: options.policy ?? NO_POLICY,
    version: options.version ?? app.getVersion(),
    packaged: options.packaged ?? app.isPackaged,
    log,
    pendingActions: () => pending,
    notice: (title, body) => notifier.notice(title, body),
    onStatus: (update) => status.setUpdate(update),
  })
  // Every change goes to the panel (`desktop.status`) and redraws the tray (its update item, its tooltip).
  const status = createDesktopStatus(
    { update: updater.status(), tray: { mode: 'tray', reason: null }, toasts: initialToasts(platform) },
    (next) => {
      sendEvent(panel.contents(), { type: 'desktop.status', status: next })
      trayController.schedule()
    },
  )
  const trayController = createTrayController({
    iconDir: options.iconDir,
    dispatch,
    panel,
    openChat: (key) => void dispatch('chat.open', { key }).then((outcome) => followChatOpen(outcome, openUrl)),
    demo,
    toggleDemo: () => void supervisor.setDemo(!demo()),
    openLogFolder: () => void shell.openPath(options.logFolder),
    quit: () => app.quit(),
    now: () => supervisor.current().engine.now(),
    log,
    desktop: () => status.get(),
    updateAction: menuItemClicked,
  })
  const { tray } = trayController
  // From an alert's toast, the panel shows the chats view and clears any filter hiding the alert's chats.
  const showPanel = (chatKeys?: string[]) =>
    chatKeys && chatKeys.length > 0 ? panel.showView(tray.bounds(), 'chats', chatKeys) : panel.showNear(tray.bounds())

  let shortcut: string | null = null
  registerCommandIpc(
    { contentsId: () => panel.contents()?.id ?? null, pageUrl: panel.pageUrl },
    (name, params) => {
      if (name === 'alerts.seen') trayController.noteSeen()
      const desktopAnswer = answerDesktopCommand(name, params, {
        status: () => status.get(),
        updater,
        testToast: () => notifier.test(),
      })
      if (desktopAnswer) return desktopAnswer.finally(trayController.schedule)
      const local = answerHostCommand(name, params, {
        isPinned: panel.isPinned,
        setPinned: (next) => {
          panel.setPinned(next)
          trayController.schedule()
        },
        requestedShortcut: () => settings().app.globalShortcut,
        activeShortcut: () => shortcut,
      })
      if (local) return Promise.resolve(local)
      return track(supervisor.runUntrusted(name, params))
        .then((outcome) => {
          if (name === 'chat.open') followChatOpen(outcome, openUrl)
          return name === 'setup.check'
            ? withDesktopChecks(outcome, status.get(), options.policy ?? NO_POLICY)
            : outcome
        })
        .finally(trayController.schedule)
    },
    log,
  )

  const notifier = createNotifier({
    dispatch: (command) => track(supervisor.runUntrusted(command.name, command.params)),
    openUrl,
    showPanel,
    privacy: () => settings().alerts.privacy,
    collisions: (alert) => {
      const key = alert.kind === 'summary' ? undefined : alert.chatKeys[0]
      const { engine } = supervisor.current()
      const chat = key ? engine.store.get(key) : undefined
      if (!chat) return null
      return collisionLine(collisionChips(chat, engine.team.presence, engine.team.agent, engine.now())) || null
    },
    demo,
    log,
    platform,
  })
  problems.attach(notifier)

  const applySettings = (next: Settings) => {
    shortcut = applyGlobalShortcut(next.app.globalShortcut, shortcut, () => panel.toggle(tray.bounds()), log)
    applyLoginItem(next.app.launchAtLogin, log)
    nativeTheme.themeSource = next.app.theme
  }
  applySettings(settings())

  // Linux: a desktop without a tray host gets the panel as an ordinary window; toasts it hides are said.
  followTrayPresence({ status, trays: trayController, panel, notifier, log })

  supervisor.subscribe((event) => {
    sendEvent(panel.contents(), event)
    // A (re)started runtime: its own settings, do-not-disturb and feed replace the previous one's.
    if (event.type === 'ready') {
      trayController.reset()
      applySettings(settings())
    }
    if (event.type === 'alert') {
      panel.flash()
      trayController.noteAlert()
      notifier.show(event.alert)
    }
    if (event.type === 'settings.changed') applySettings(event.settings)
    trayController.schedule()
  })
  // What the machine does goes to the runtime, which a hub desktop reports as presence (docs/team.md).
  onActivity((activity) => void supervisor.run('activity.set', { activity }))
  onWake((reason) => {
    void supervisor.wake(reason).finally(trayController.schedule)
    if (reason === 'resume') void updater.check('wake')
  })
  void updater.check('start')
  trayController.schedule()
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
