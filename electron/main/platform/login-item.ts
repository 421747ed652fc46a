/**
 * "Launch at login". Electron's `setLoginItemSettings` works on macOS and Windows only; on Linux the desktop
 * starts what the XDG Autostart spec's `$XDG_CONFIG_HOME/autostart/*.desktop` entries name (docs/desktop-shell.md).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { APP_ID, PRODUCT_NAME } from '../../../shared/product'

/** The argument the app is started with at login (it always starts to the tray only). */
export const HIDDEN_ARG = '--hidden'

/** Where the Linux autostart entry lives for `env`. */
export function autostartPath(env: NodeJS.ProcessEnv = process.env): string {
  const config = env.XDG_CONFIG_HOME?.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config')
  return join(config, 'autostart', `${APP_ID}.desktop`)
}

/** Quotes one Exec argument per the Desktop Entry spec (and doubles `%`, which starts a field code). */
export function quoteExecArg(arg: string): string {
  return `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`).replace(/%/g, '%%')}"`
}

/** The autostart entry that starts `executable` hidden. */
export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${PRODUCT_NAME}`,
    'Comment=HelpCrunch and DeskDirector chats in your tray',
    `Exec=${quoteExecArg(executable)} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

/**
 * Writes or removes the Linux autostart entry. The executable is the AppImage itself when run from one
 * (`APPIMAGE`; its mount path changes every run), else the installed binary.
 */
export function applyLinuxAutostart(openAtLogin: boolean, env: NodeJS.ProcessEnv, execPath: string): string {
  const path = autostartPath(env)
  if (!openAtLogin) {
    rmSync(path, { force: true })
    return path
  }
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, autostartEntry(env.APPIMAGE || execPath), { mode: 0o644 })
  return path
}
