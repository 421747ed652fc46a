import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { OVERLONG_LINE, readCommandLines } from './ndjson'

describe('readCommandLines', () => {
  it('splits lines across chunks, reports an over-long line once and goes on with the next', async () => {
    const input = new PassThrough()
    const lines: (string | typeof OVERLONG_LINE)[] = []
    readCommandLines(input, (line) => lines.push(line), 10)
    input.write('{"a":')
    input.write('1}\r\nxxxxxxxx')
    input.write('xxxxxxxxxxxxxxxxxxxx') // past 10 characters: reported now, dropped up to the newline
    input.write('xxxx\nok\n0123456789A\nlast')
    const ended = new Promise((resolve) => input.on('end', resolve))
    input.end()
    await ended
    expect(lines).toEqual(['{"a":1}\r', OVERLONG_LINE, 'ok', OVERLONG_LINE, 'last'])
  })
})
