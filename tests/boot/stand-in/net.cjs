/**
 * `net`: `fetch` and `request` (Electron's ClientRequest, what electron-updater downloads with), both usable only
 * after `ready`. Like a machine without internet, only loopback is reachable: any other host fails with
 * `net::ERR_INTERNET_DISCONNECTED` (and is recorded), so no test ever sends traffic off this machine.
 * ClientRequest as Electron has it: headers given up front or with `setHeader`, `end()` sends, `redirect: 'manual'`
 * emits `redirect` (status, method, url, headers) and cancels unless `followRedirect()` is called at once,
 * `abort()`, and `response` with a readable IncomingMessage (`statusCode`, `statusMessage`, `headers`). There is no
 * `socket` event (Chromium's network stack has no Node socket).
 */
const http = require('node:http')
const https = require('node:https')
const { Emitter, record, call, requireReady } = require('./state.cjs')

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)$/i

record.requests = []

/** Electron's `net.request(options | url)`. */
function request(options) {
  requireReady('net')
  const opts = typeof options === 'string' ? { url: options } : { ...options }
  if (opts.session !== undefined && (typeof opts.session !== 'object' || opts.session === null))
    throw new TypeError('`session` must be a Session')
  return new ClientRequest(opts)
}

/** The request's URL from `url` or from `protocol`/`hostname`/`port`/`path` (electron-updater passes the parts). */
function urlOf(opts) {
  if (opts.url) return new URL(opts.url)
  const host = opts.hostname ?? opts.host ?? 'localhost'
  const port = opts.port ? `:${opts.port}` : ''
  return new URL(`${opts.protocol ?? 'http:'}//${host}${port}${opts.path ?? '/'}`)
}

class ClientRequest extends Emitter {
  constructor(opts) {
    super()
    this.opts = opts
    this.url = urlOf(opts)
    this.method = (opts.method ?? 'GET').toUpperCase()
    this.headers = { ...(opts.headers ?? {}) }
    this.body = []
    this.aborted = false
    this.inner = null
  }
  setHeader(name, value) {
    this.headers[name] = value
  }
  getHeader(name) {
    return this.headers[name]
  }
  removeHeader(name) {
    delete this.headers[name]
  }
  write(chunk) {
    this.body.push(Buffer.from(chunk))
    return true
  }
  end(chunk) {
    if (chunk) this.write(chunk)
    setImmediate(() => this.send(this.url))
    return this
  }
  abort() {
    if (this.aborted) return
    this.aborted = true
    this.inner?.destroy()
    this.emit('abort')
    this.emit('close')
  }
  followRedirect() {
    this.followed = true
  }
  getUploadProgress() {
    return { active: !this.aborted, started: true, current: 0, total: 0 }
  }
  send(url) {
    if (this.aborted) return
    const entry = { url: url.href, method: this.method, blocked: false }
    record.requests.push(entry)
    call('net.request', url.href)
    if (!LOOPBACK.test(url.hostname)) {
      entry.blocked = true
      this.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'))
      return
    }
    const client = url.protocol === 'https:' ? https : http
    this.inner = client.request(url, { method: this.method, headers: this.headers }, (response) => {
      const location = response.headers.location
      if (location && response.statusCode >= 300 && response.statusCode < 400) {
        response.resume()
        const target = new URL(location, url)
        if (this.opts.redirect === 'error') return this.emit('error', new Error('net::ERR_UNSAFE_REDIRECT'))
        if (this.opts.redirect === 'manual') {
          this.followed = false
          this.emit('redirect', response.statusCode, this.method, target.href, response.headers)
          if (!this.followed) return this.aborted || this.abort()
        }
        return this.send(target)
      }
      this.emit('response', response)
      response.on('end', () => this.emit('close'))
    })
    this.inner.on('error', (error) => {
      if (!this.aborted) this.emit('error', new Error(`net::ERR_CONNECTION_REFUSED (${error.code ?? error.message})`))
    })
    this.inner.end(Buffer.concat(this.body))
    this.emit('finish')
  }
}

const net = {
  fetch(input, init) {
    requireReady('net')
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
    record.requests.push({ url: url.href, method: (init?.method ?? 'GET').toUpperCase(), blocked: false })
    if (!LOOPBACK.test(url.hostname)) {
      record.requests.at(-1).blocked = true
      return Promise.reject(new TypeError('fetch failed: net::ERR_INTERNET_DISCONNECTED'))
    }
    return fetch(input, init)
  },
  request,
  isOnline: () => true,
  get online() {
    return true
  },
}

module.exports = { net, ClientRequest }
