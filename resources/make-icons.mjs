// Writes the tray icons (one 16×16 PNG per state, plus macOS template variants, each with a 32×32 `@2x`
// for HiDPI screens, which Electron picks up by name) with node:zlib only.
// Run: node resources/make-icons.mjs — the PNGs are committed, so this only runs when the design changes.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'

const SIZE = 16
const dir = join(import.meta.dirname, 'tray')
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc = (buf) => {
  let c = 0xffffffff
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type, data) => {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type), data])
  const sum = Buffer.alloc(4)
  sum.writeUInt32BE(crc(body))
  return Buffer.concat([len, body, sum])
}
const png = (pixel, scale = 1) => {
  const size = SIZE * scale
  const rows = []
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4)
    for (let x = 0; x < size; x++) row.set(pixel((x + 0.5) / scale - SIZE / 2, (y + 0.5) / scale - SIZE / 2), 1 + x * 4)
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8)
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
// A speech bubble (ring) with a state mark inside.
const ring = (x, y) => Math.hypot(x, y) <= 7 && Math.hypot(x, y) >= 5
const shapes = {
  idle: (x, y) => ring(x, y),
  unread: (x, y) => ring(x, y) || Math.hypot(x, y) <= 2,
  waiting: (x, y) => Math.hypot(x, y) <= 7 && !(Math.abs(x) <= 1 && ((y <= 2 && y >= -4) || Math.abs(y - 4.5) <= 1)),
  dnd: (x, y) => ring(x, y) || (Math.abs(y) <= 1 && Math.abs(x) <= 4),
  error: (x, y) =>
    ring(x, y) || (Math.abs(x - y) <= 1.2 && Math.abs(x) <= 3.5) || (Math.abs(x + y) <= 1.2 && Math.abs(x) <= 3.5),
  offline: (x, y) => ring(x, y) && Math.floor((Math.atan2(y, x) + Math.PI) / (Math.PI / 6)) % 2 === 0,
}
const colours = {
  idle: [90, 98, 112],
  unread: [37, 99, 235],
  waiting: [220, 38, 38],
  dnd: [124, 58, 237],
  error: [217, 119, 6],
  offline: [120, 120, 120],
}
for (const [state, inside] of Object.entries(shapes)) {
  const [r, g, b] = colours[state]
  for (const [suffix, scale] of [
    ['', 1],
    ['@2x', 2],
  ]) {
    writeFileSync(
      join(dir, `${state}${suffix}.png`),
      png((x, y) => (inside(x, y) ? [r, g, b, 255] : [0, 0, 0, 0]), scale),
    )
    writeFileSync(
      join(dir, `${state}Template${suffix}.png`),
      png((x, y) => (inside(x, y) ? [0, 0, 0, 255] : [0, 0, 0, 0]), scale),
    )
  }
}
