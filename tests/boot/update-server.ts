/**
 * A local update feed (node:http on loopback) as electron-builder publishes one: `latest-linux.yml` (or
 * `beta-linux.yml`) naming an AppImage with its sha512 and size, and the AppImage itself. It counts every request.
 */
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the feed serves. */
export interface FeedRelease {
  version: string
  /** The artefact's bytes (a shell script standing in for an AppImage). */
  artefact: Buffer
  /** Publish this sha512 instead of the artefact's real one (a tampered or corrupted release). */
  sha512?: string
  channel?: 'latest' | 'beta'
  /** Also list a `.deb` of the release (electron-builder lists every Linux artefact it built). */
  deb?: boolean
}

/** The running feed. */
export interface UpdateFeed {
  url: string
  /** Paths requested so far, in order (query strings removed). */
  requests: string[]
  close(): Promise<void>
}

/** The base64 sha512 electron-builder writes into latest-*.yml. */
export function sha512Of(bytes: Buffer): string {
  return createHash('sha512').update(bytes).digest('base64')
}

/** Starts the feed on a free loopback port. */
export async function startUpdateFeed(release: FeedRelease): Promise<UpdateFeed> {
  const name = `Chat-Tray-${release.version}.AppImage`
  const sha512 = release.sha512 ?? sha512Of(release.artefact)
  const yml = [
    `version: ${release.version}`,
    'files:',
    `  - url: ${name}`,
    `    sha512: ${sha512}`,
    `    size: ${release.artefact.byteLength}`,
    ...(release.deb ? [`  - url: chat-tray_${release.version}_amd64.deb`, `    sha512: ${sha512}`, `    size: 1`] : []),
    `path: ${name}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-11-30T09:00:00.000Z'",
    '',
  ].join('\n')
  const requests: string[] = []
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    requests.push(path)
    if (path === `/${release.channel ?? 'latest'}-linux.yml`) {
      res.writeHead(200, { 'content-type': 'text/yaml' })
      return res.end(yml)
    }
    if (path === `/${name}`) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': release.artefact.byteLength })
      return res.end(release.artefact)
    }
    res.writeHead(404)
    res.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
