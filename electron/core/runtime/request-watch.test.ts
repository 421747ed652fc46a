import { describe, expect, it } from 'vitest'
import { type RequestListener, watchingRequests } from './request-watch'

describe("a source's requests, counted", () => {
  it('tells every watcher the source and the status, or null when no answer came; without one it only passes through', async () => {
    const told: [string, number | null][] = []
    const listeners = new Set<RequestListener>()
    let fail = false
    const inner: typeof fetch = async () => {
      if (fail) throw new TypeError('fetch failed')
      return new Response('{}', { status: 429 })
    }
    const fetchImpl = watchingRequests(inner, 'ticketbox', listeners)
    await fetchImpl('http://127.0.0.1/x')
    expect(told).toEqual([])
    listeners.add((source, status) => told.push([source, status]))
    expect((await fetchImpl('http://127.0.0.1/x')).status).toBe(429)
    fail = true
    await expect(fetchImpl('http://127.0.0.1/x')).rejects.toThrow('fetch failed')
    expect(told).toEqual([
      ['ticketbox', 429],
      ['ticketbox', null],
    ])
  })
})
