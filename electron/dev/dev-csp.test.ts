import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { devCsp, devCspPlugin } from './dev-csp'

const page = readFileSync(join(import.meta.dirname, '..', '..', 'renderer', 'index.html'), 'utf8')
const policy = (html: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1] ?? ''
const directive = (html: string, name: string) =>
  policy(html)
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `))

describe('dev-server CSP', () => {
  it('is applied by the dev server only (builds keep the strict page)', () => {
    expect(devCspPlugin().apply).toBe('serve')
    expect(directive(page, 'style-src')).toBe("style-src 'self'")
    expect(directive(page, 'script-src')).toBe("script-src 'self'")
  })

  it("allows inline styles and the dev server's socket, and only the inline scripts present (by hash)", () => {
    const preamble = 'import { injectIntoGlobalHook } from "/@react-refresh";'
    const html = devCsp(page.replace('</head>', `<script type="module">${preamble}</script></head>`))
    const hash = createHash('sha256').update(preamble).digest('base64')
    expect(directive(html, 'style-src')).toBe("style-src 'self' 'unsafe-inline'")
    expect(directive(html, 'script-src')).toBe(`script-src 'self' 'sha256-${hash}'`)
    expect(directive(html, 'connect-src')).toBe("connect-src 'self' ws://localhost:* ws://127.0.0.1:*")
    expect(directive(html, 'default-src')).toBe("default-src 'none'")
    expect(policy(html)).not.toContain('unsafe-eval')
  })
})
