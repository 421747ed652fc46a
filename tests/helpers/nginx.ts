/**
 * Runs Debian's nginx as a child process with the config the README ships (deploy/nginx.conf): a temp prefix,
 * not a daemon, TLS off (the listen lines become a plain loopback port), the upstream pointed at a test hub.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'

/** Where Debian installs nginx. */
export const NGINX = '/usr/sbin/nginx'
const root = join(import.meta.dirname, '..', '..')

/** True when nginx is installed (`.ci/run` installs it). */
export function nginxInstalled(): boolean {
  return existsSync(NGINX)
}

/** The shipped site config with TLS off, listening on `port`, proxying to `upstreamPort`. */
export function testSiteConfig(port: number, upstreamPort: number): string {
  const shipped = readFileSync(join(root, 'deploy/nginx.conf'), 'utf8')
  const lines = shipped.split('\n').filter((line) => !/^\s*ssl_/.test(line) && !/^\s*listen \[::\]/.test(line))
  return lines
    .join('\n')
    .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${port};`)
    .replace('server 127.0.0.1:4757;', `server 127.0.0.1:${upstreamPort};`)
}

/**
 * The shipped two-hub config (deploy/nginx-cluster.conf) with TLS off, listening on `port`, its upstream's two
 * hubs (`hub-a:4757`, `hub-b:4757`, in each upstream) pointed at loopback ports.
 */
export function testClusterConfig(port: number, hubPorts: readonly [number, number]): string {
  const shipped = readFileSync(join(root, 'deploy/nginx-cluster.conf'), 'utf8')
  const lines = shipped.split('\n').filter((line) => !/^\s*ssl_/.test(line) && !/^\s*listen \[::\]/.test(line))
  return lines
    .join('\n')
    .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${port};`)
    .replaceAll('server hub-a:4757 ', `server 127.0.0.1:${hubPorts[0]} `)
    .replaceAll('server hub-b:4757 ', `server 127.0.0.1:${hubPorts[1]} `)
}

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Starts nginx in `prefix`; resolves once it accepts connections. */
export async function startNginx(
  prefix: string,
  upstreamPort: number,
  /** The site config for nginx's port (default: the shipped single-hub config to `upstreamPort`). */
  site: (port: number) => string = (port) => testSiteConfig(port, upstreamPort),
): Promise<{ url: string; child: ChildProcess; log: () => string }> {
  const port = await freePort()
  writeNginxPrefix(prefix, site(port))
  const child = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: 'pipe' })
  let output = ''
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${output}`)
    const up = await fetch(`${url}/health`).then(
      () => true,
      () => false,
    )
    if (up) return { url, child, log: () => output + readFileSync(join(prefix, 'logs/error.log'), 'utf8') }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`nginx did not start: ${output}`)
}

/** `nginx -t` on `site` in `prefix`: its exit code and what it said. */
export function testNginxConfig(prefix: string, site: string): { status: number | null; output: string } {
  writeNginxPrefix(prefix, site)
  const run = spawnSync(NGINX, ['-t', '-p', prefix, '-c', join(prefix, 'nginx.conf')], { encoding: 'utf8' })
  return { status: run.status, output: `${run.stdout}${run.stderr}` }
}

/** Writes nginx's main config (not a daemon, one worker, temp paths in `prefix`) including `site`. */
function writeNginxPrefix(prefix: string, site: string): void {
  for (const dir of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'logs'])
    mkdirSync(join(prefix, dir), { recursive: true })
  writeFileSync(join(prefix, 'hub.conf'), site)
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `daemon off;
master_process off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log info;
events { worker_connections 256; }
http {
  access_log off;
  # A site that compresses everything: the shipped config must still stream events one by one. (Checked: with
  # proxy_buffering on AND the hub's X-Accel-Buffering: no removed, events stay in nginx and the test fails.)
  gzip on;
  gzip_types text/event-stream application/json;
  gzip_min_length 1;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  include ${prefix}/hub.conf;
}
`,
  )
}
