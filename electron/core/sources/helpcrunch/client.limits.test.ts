import { describe, expect, it } from 'vitest'
import { BodyTooLargeError, readBoundedText } from './bounded-body'
import { HelpCrunchClient } from './client'
import { TokenBucket } from './token-bucket'

const QUERY = { sort: 'chats.lastMessageAt', order: 'desc', offset: 0, limit: 100 } as const

function clientAnswering(answer: () => Response, maxResponseBytes?: number) {
  return new HelpCrunchClient({
    baseUrl: 'https://api.example/v1',
    apiKey: 'hc_key_limits_000001',
    bucket: new TokenBucket(120),
    fetch: (async () => answer()) as typeof fetch,
    maxResponseBytes,
  })
}

/** A body that never ends: 64 KiB chunks forever, counting how many were pulled. */
function endlessBody() {
  let pulled = 0
  const chunk = new TextEncoder().encode(`[${'{"id":1,"status":"new"},'.repeat(2_700)}`)
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled++
      controller.enqueue(chunk)
    },
  })
  return { stream, pulled: () => pulled }
}

describe('HelpCrunch answer limits', () => {
  it('a page of 100,000 items for limit=100 keeps 100 and says so (not stored whole)', async () => {
    const data = Array.from({ length: 100_000 }, (_, i) => ({ id: i + 1, status: 'new' }))
    const client = clientAnswering(() => new Response(JSON.stringify({ data, meta: { total: 100_000 } })))
    const page = await client.listChats(QUERY)
    expect(page.chats).toHaveLength(100)
    expect(page.itemCount).toBe(100)
    expect(page.invalid).toEqual([{ reason: 'the page held 100000 items for limit 100; kept 100', item: null }])
  })

  it('a page longer than a smaller limit is cut to that limit', async () => {
    const data = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, status: 'new' }))
    const page = await clientAnswering(() => new Response(JSON.stringify({ data }))).listChats({ ...QUERY, limit: 10 })
    expect(page.chats.map((c) => c.sourceId)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'])
  })

  it('an answer over the byte limit fails bad-response without being read to the end', async () => {
    const body = endlessBody()
    const client = clientAnswering(() => new Response(body.stream), 1024 * 1024)
    await expect(client.listChats(QUERY)).rejects.toMatchObject({
      kind: 'bad-response',
      message: 'GET /chats: the answer is larger than 1048576 bytes',
    })
    expect(body.pulled()).toBeLessThan(20)
  })

  it('a declared Content-Length over the limit is refused before reading', async () => {
    const response = new Response('{}', { headers: { 'content-length': '99999999' } })
    await expect(readBoundedText(response, 1000)).rejects.toBeInstanceOf(BodyTooLargeError)
  })

  it('reads multi-byte text split across chunks intact', async () => {
    const bytes = new TextEncoder().encode('{"name":"Zoë 🙂"}')
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]))
        controller.close()
      },
    })
    expect(await readBoundedText(new Response(stream), 1000)).toBe('{"name":"Zoë 🙂"}')
  })
})
