import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_ID } from '../../../shared/product'
import { applyLinuxAutostart, autostartPath, quoteExecArg } from './login-item'

describe('Linux autostart entry', () => {
  it('is written under $XDG_CONFIG_HOME/autostart and removed when turned off', () => {
    const config = mkdtempSync(join(tmpdir(), 'chat-tray-xdg-'))
    const env = { XDG_CONFIG_HOME: config }
    const path = applyLinuxAutostart(true, env, '/opt/Chat Tray/chat-tray')
    expect(path).toBe(join(config, 'autostart', `${APP_ID}.desktop`))
    const entry = readFileSync(path, 'utf8')
    expect(entry).toContain('[Desktop Entry]\nType=Application\nName=Chat Tray\n')
    expect(entry).toContain('Exec="/opt/Chat Tray/chat-tray" --hidden\n')
    applyLinuxAutostart(false, env, '/opt/Chat Tray/chat-tray')
    expect(existsSync(path)).toBe(false)
  })

  it('starts the AppImage itself when run from one, and falls back to ~/.config', () => {
    const config = mkdtempSync(join(tmpdir(), 'chat-tray-xdg-'))
    const path = applyLinuxAutostart(
      true,
      { XDG_CONFIG_HOME: config, APPIMAGE: '/home/a/Chat-Tray.AppImage' },
      '/tmp/.mount/chat-tray',
    )
    expect(readFileSync(path, 'utf8')).toContain('Exec="/home/a/Chat-Tray.AppImage" --hidden')
    expect(autostartPath({ XDG_CONFIG_HOME: 'relative' })).toMatch(/\.config\/autostart\//)
  })

  it('quotes Exec arguments per the Desktop Entry spec', () => {
    expect(quoteExecArg('/a "b"/$c`d`\\e 100%')).toBe('"/a \\"b\\"/\\$c\\`d\\`\\\\e 100%%"')
  })
})
