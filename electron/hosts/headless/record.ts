/**
 * `--check --record DIR`: every answer the checks receive over HTTP is written to DIR, one JSON file each
 * (`01-GET-organization.json`, …: the request's method, path and body, the answer's status, a few headers and
 * its body), with every name, email, phone number and message text replaced, so a user can attach them to a bug
 * report. The API key is never written (no request header is), and neither is the host's query string.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Keys whose string values are personal or written by people: replaced wherever they appear. */
const PERSONAL = new Set([
  'name',
  'email',
  'phone',
  'userId',
  'text',
  'lastMessageText',
  'markdownText',
  'notes',
  'note',
])
/** Answer headers worth keeping (the rest may carry cookies or tokens). */
const HEADERS = ['content-type', 'date', 'retry-after']

/** A copy of `value` with every personal string replaced by a placeholder (the same value, the same placeholder). */
export function redactPersonal(value: unknown): unknown {
  const seen = new Map<string, string>()
  const counts = new Map<string, number>()
  const placeholder = (key: string, text: string) => {
    const id = `${key}\u0000${text}`
    let out = seen.get(id)
    if (out === undefined) {
      const n = (counts.get(key) ?? 0) + 1
      counts.set(key, n)
      out = `<${key} ${n}>`
      seen.set(id, out)
    }
    return out
  }
  const walk = (node: unknown, depth: number): unknown => {
    if (depth > 64) return '<nested too deeply>'
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1))
    if (typeof node !== 'object' || node === null) return node
    const out: Record<string, unknown> = {}
    for (const [key, child] of Object.entries(node))
      out[key] =
        PERSONAL.has(key) && typeof child === 'string' && child !== ''
          ? placeholder(key, child)
          : walk(child, depth + 1)
    return out
  }
  return walk(value, 0)
}

/** Wraps `inner` so that each answer is also written to `dir` (created if missing); `onWritten` counts them. */
export function recordingFetch(inner: typeof fetch, dir: string, onWritten: (file: string) => void): typeof fetch {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  let sequence = 0
  return async (input, init) => {
    const response = await inner(input, init)
    const url = new URL(input instanceof Request ? input.url : String(input))
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase()
    const text = await response.clone().text()
    const entry = {
      request: {
        method,
        path: url.pathname,
        body: redactPersonal(parse(typeof init?.body === 'string' ? init.body : '')),
      },
      response: {
        status: response.status,
        headers: Object.fromEntries(
          HEADERS.flatMap((h) => (response.headers.has(h) ? [[h, response.headers.get(h)]] : [])),
        ),
        body: redactPersonal(parse(text)),
      },
    }
    sequence++
    const name = `${String(sequence).padStart(2, '0')}-${method}-${url.pathname.replace(/^\/+/, '').replace(/[^A-Za-z0-9]+/g, '-')}.json`
    writeFileSync(join(dir, name), `${JSON.stringify(entry, null, 2)}\n`, { mode: 0o600 })
    onWritten(name)
    return response
  }
}

function parse(text: string): unknown {
  if (text.trim() === '') return null
  try {
    return JSON.parse(text)
  } catch {
    return `<${text.length} characters that are not JSON>`
  }
}
