/**
 * The panel's Content-Security-Policy during `npm start` (Vite dev server) only. The production CSP in
 * renderer/index.html stays strict; in development Vite's client injects each CSS module as a `<style>` element
 * and talks to its server over a WebSocket, and the React plugin adds an inline preamble script. So, served
 * pages only: `style-src` also allows inline styles, `script-src` allows the exact inline scripts present
 * (by hash), and `connect-src` allows the dev server's WebSocket on loopback. The built page is untouched.
 */
import { createHash } from 'node:crypto'
import type { Plugin } from 'vite'

const META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i
const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi

/** Rewrites the CSP meta of a dev-served page as described above; a page without one is returned unchanged. */
export function devCsp(html: string): string {
  const match = META.exec(html)
  if (!match) return html
  const hashes = [...html.matchAll(INLINE_SCRIPT)]
    .map((m) => m[1] ?? '')
    .filter((body) => body.trim() !== '')
    .map((body) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`)
  const directives = (match[2] ?? '').split(';').map((d) => d.trim())
  const extend = (name: string, extra: string[]) => {
    const index = directives.findIndex((d) => d.split(/\s+/)[0] === name)
    if (index < 0) directives.push([name, "'self'", ...extra].join(' '))
    else directives[index] = [directives[index], ...extra].join(' ')
  }
  extend('style-src', ["'unsafe-inline'"])
  extend('script-src', hashes)
  extend('connect-src', ['ws://localhost:*', 'ws://127.0.0.1:*'])
  return html.replace(
    META,
    (_all, start: string, _content: string, end: string) => `${start}${directives.filter(Boolean).join('; ')}${end}`,
  )
}

/** The Vite plugin: applies `devCsp` to pages the dev server serves, after every other plugin's changes. */
export function devCspPlugin(): Plugin {
  return {
    name: 'chat-tray:dev-csp',
    apply: 'serve',
    transformIndexHtml: { order: 'post', handler: devCsp },
  }
}
