import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { ProtocolEvent } from '../../../shared/protocol'
import { NdjsonOutput } from './output'

/** A stdout whose reader takes nothing until `read()` is called. */
function stalledStream() {
  const pending: (() => void)[] = []
  const written: string[] = []
  const stream = new Writable({
    highWaterMark: 256,
    write(chunk, _encoding, callback) {
      written.push(String(chunk))
      pending.push(callback)
    },
  })
  const read = async () => {
    while (pending.length > 0) {
      pending.shift()?.()
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  return { stream, written, read }
}

const event = (n: number): ProtocolEvent => ({
  type: 'source.status',
  status: { source: 'x', state: 'ok', message: `${n}`.padEnd(100, '.'), warnings: [], lastOkAt: null, at: n },
})

describe('NdjsonOutput', () => {
  it('drops and counts events past the limit, says so once on stderr, and tells the reader when it is back', async () => {
    const { stream, written, read } = stalledStream()
    const warnings: string[] = []
    const output = new NdjsonOutput(stream, (line) => warnings.push(line), 4_096)
    for (let i = 0; i < 1_000; i++) output.event(event(i))
    expect(output.waitingBytes).toBeLessThan(4_096 + 300)
    expect(output.dropped).toBeGreaterThan(900)
    expect(warnings).toEqual([expect.stringContaining('stdout is not being read')])
    const dropped = output.dropped
    let writable = false
    void output.whenWritable().then(() => {
      writable = true
    })
    await read()
    await read()
    expect(writable).toBe(true)
    expect(written.at(-1)).toBe(`${JSON.stringify({ type: 'events.dropped', count: dropped })}\n`)
    expect(warnings).toHaveLength(2)
  })

  it('never drops a command result', async () => {
    const { stream, written, read } = stalledStream()
    const output = new NdjsonOutput(stream, () => {}, 100)
    for (let i = 0; i < 10; i++) output.result({ type: 'command.result', id: `${i}`, ok: true, result: 'x'.repeat(50) })
    await read()
    expect(written).toHaveLength(10)
    expect(output.dropped).toBe(0)
  })
})
