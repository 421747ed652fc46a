/**
 * The supervisor board's built page (`out/board`: index.html and hashed assets, written by
 * `npx vite build -c board.vite.config.ts`) served from memory with a strict Content-Security-Policy. Read once when
 * the hub starts: a hub built without the board answers `/board` with 503 and says how to build it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { dirname, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { sendJson } from '../../core/http/server'

/** Where the board's files are served: `/board` is the page, `/board/assets/<file>` its scripts and styles. */
export const BOARD_PATH = '/board'

/** The page's policy: its own scripts, styles and stream only; no inline code, no framing, forms to itself. */
export const BOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}

/** The board's files, by the path they are served at. */
export interface BoardFiles {
  /** The page, or null when the board was not built. */
  page: Buffer | null
  /** `/board/assets/<file>` → its body, content type and gzipped body (compressed once, when the hub starts). */
  assets: Map<string, BoardAsset>
}

/** One asset of the board. */
export interface BoardAsset {
  body: Buffer
  type: string
  gzip: Buffer
}

/**
 * Where the built board is: the nearest `board/` (next to the hub's bundle in `out/hosts`) or `out/board/` (from
 * the sources, at the repository root) above this module; null when there is none.
 */
export function findBoardDir(from = dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'board'), join(dir, 'out', 'board')])
      if (existsSync(join(candidate, 'index.html'))) return candidate
    if (dirname(dir) === dir) return null
  }
}

/** Reads the built board from `dir` (missing → no page). */
export function loadBoardFiles(dir: string): BoardFiles {
  const index = join(dir, 'index.html')
  if (!existsSync(index)) return { page: null, assets: new Map() }
  const assetsDir = join(dir, 'assets')
  const names = existsSync(assetsDir) ? readdirSync(assetsDir) : []
  const assets = new Map(
    names
      .filter((name) => TYPES[extname(name)] !== undefined)
      .map((name): [string, BoardAsset] => {
        const body = readFileSync(join(assetsDir, name))
        return [
          `${BOARD_PATH}/assets/${name}`,
          { body, type: TYPES[extname(name)] as string, gzip: gzipSync(body, { level: 9 }) },
        ]
      }),
  )
  return { page: readFileSync(index), assets }
}

/**
 * Headers every board answer carries: the policy, no sniffing, no framing, no referrer to other sites
 * (`same-origin`: under `no-referrer` a browser sends `Origin: null` on the page's own form posts, which the CSRF
 * check refuses).
 */
export function setPageHeaders(res: ServerResponse): void {
  res.setHeader('content-security-policy', BOARD_CSP)
  res.setHeader('x-content-type-options', 'nosniff')
  res.setHeader('x-frame-options', 'DENY')
  res.setHeader('referrer-policy', 'same-origin')
}

/** Sends the page (never cached: it names the current assets), or 503 when the board was not built. */
export function sendPage(res: ServerResponse, files: BoardFiles): void {
  setPageHeaders(res)
  if (!files.page) {
    sendJson(res, 503, { error: 'the board is not built into this hub (npm run build writes out/board)' })
    return
  }
  res.writeHead(200, {
    'content-type': TYPES['.html'] as string,
    'content-length': files.page.length,
    'cache-control': 'no-store',
  })
  res.end(files.page)
}

/**
 * Sends one asset (its name carries its hash, so it may be cached for good), gzipped when the browser takes it
 * (the script is a third of its size so).
 */
export function sendAsset(req: IncomingMessage, res: ServerResponse, asset: BoardAsset): void {
  setPageHeaders(res)
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
  const body = gzip ? asset.gzip : asset.body
  res.writeHead(200, {
    'content-type': asset.type,
    'content-length': body.length,
    'cache-control': 'public, max-age=31536000, immutable',
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  })
  res.end(body)
}
