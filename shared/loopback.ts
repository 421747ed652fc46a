/** Whether a host name or address stays on this machine (loopback), for bind addresses and `Host` headers. */

/** True for `localhost` (and `*.localhost`), `127.0.0.0/8`, `::1` (also in brackets or as `::ffff:127.x`). */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
  if (name === 'localhost' || name.endsWith('.localhost')) return true
  if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true
  const v4 = name.startsWith('::ffff:') ? name.slice(7) : name
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)
}

/** The host part of a `Host` header (`name:port`, `[v6]:port`), lower-cased; null when it is malformed. */
export function hostOfHeader(header: string): string | null {
  const match = /^(\[[0-9a-f:.]+\]|[^\s:[\]/@]+)(?::\d{1,5})?$/i.exec(header.trim())
  return match ? (match[1] as string).toLowerCase() : null
}
