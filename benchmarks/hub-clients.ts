/**
 * A bench helper process: opens N raw SSE connections to a hub (`tsx benchmarks/hub-clients.ts URL TOKEN N`),
 * prints `{"ready":N}` once every connection has its snapshot, then, for each `chat.added` whose title carries
 * `bench-at-<ms>`, one line `{"event":i,"latencies":[...]}` once all N connections have it (ms, wall clock).
 */
import { request } from 'node:http'

const [url, token, countText] = process.argv.slice(2)
const count = Number(countText)
const target = new URL(url as string)
const now = () => performance.timeOrigin + performance.now()
const pending = new Map<number, number[]>()
let ready = 0

function open(): void {
  const req = request({
    host: target.hostname,
    port: target.port,
    path: '/v1/stream',
    headers: { authorization: `Bearer ${token}` },
    agent: false,
  })
  req.on('response', (res) => {
    let buffer = ''
    let snapshotSeen = false
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => {
      const at = now()
      buffer += chunk
      let end = buffer.indexOf('\n\n')
      while (end !== -1) {
        const frame = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        end = buffer.indexOf('\n\n')
        if (!snapshotSeen && frame.includes('event: snapshot')) {
          snapshotSeen = true
          if (++ready === count) process.stdout.write(`${JSON.stringify({ ready })}\n`)
          continue
        }
        const match = /event: chat\.added[\s\S]*bench-at-(\d+)-(\d+(?:\.\d+)?)/.exec(frame)
        if (!match) continue
        const index = Number(match[1])
        const list = pending.get(index) ?? []
        list.push(at - Number(match[2]))
        pending.set(index, list)
        if (list.length === count) {
          pending.delete(index)
          process.stdout.write(`${JSON.stringify({ event: index, latencies: list })}\n`)
        }
      }
    })
  })
  req.on('error', (error) => process.stderr.write(`connection failed: ${error.message}\n`))
  req.end()
}

// Open gradually so the hub's accept queue is not the thing measured.
let opened = 0
const timer = setInterval(() => {
  for (let i = 0; i < 25 && opened < count; i++, opened++) open()
  if (opened >= count) clearInterval(timer)
}, 10)
process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
