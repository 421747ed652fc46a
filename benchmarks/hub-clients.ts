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
const FRAME_END = Buffer.from('\n\n')
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
    // Bytes of the frame being received. A snapshot arrives in many chunks: they are only searched for the
    // frame's end and never decoded (a large one must cost this client little, so the hub is what is measured).
    let parts: Buffer[] = []
    let last = 0
    let snapshotSeen = false
    res.on('data', (chunk: Buffer) => {
      const at = now()
      const joined = last === 0x0a && chunk[0] === 0x0a
      last = chunk[chunk.length - 1] ?? last
      if (!joined && chunk.indexOf(FRAME_END) === -1) {
        parts.push(chunk)
        return
      }
      let buffer = Buffer.concat([...parts, chunk])
      parts = []
      let end = buffer.indexOf(FRAME_END)
      while (end !== -1) {
        const head = buffer.subarray(0, Math.min(end, 120)).toString('utf8')
        const frame = buffer.subarray(0, end)
        buffer = buffer.subarray(end + 2)
        end = buffer.indexOf(FRAME_END)
        if (!snapshotSeen && head.includes('\nevent: snapshot\n')) {
          snapshotSeen = true
          if (++ready === count) process.stdout.write(`${JSON.stringify({ ready })}\n`)
          continue
        }
        if (!head.includes('\nevent: chat.added\n')) continue
        const match = /bench-at-(\d+)-(\d+(?:\.\d+)?)/.exec(frame.toString('utf8'))
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
      if (buffer.length > 0) parts.push(buffer)
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
