// Writes the short alert tones (8 kHz mono 8-bit WAV, a few KB each). Run: node resources/make-sounds.mjs
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

const RATE = 8000
const tones = { new: [880, 1320], missed: [660, 440, 660], callback: [523, 784, 1046], default: [880] }
for (const [name, notes] of Object.entries(tones)) {
  const noteLen = Math.floor(RATE * 0.12)
  const data = Buffer.alloc(noteLen * notes.length)
  notes.forEach((freq, n) => {
    for (let i = 0; i < noteLen; i++) {
      const fade = Math.min(1, i / 80, (noteLen - i) / 400)
      data[n * noteLen + i] = 128 + Math.round(90 * fade * Math.sin((2 * Math.PI * freq * i) / RATE))
    }
  })
  const header = Buffer.alloc(44)
  header.write('RIFF', 0)
  header.writeUInt32LE(36 + data.length, 4)
  header.write('WAVEfmt ', 8)
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(1, 22)
  header.writeUInt32LE(RATE, 24)
  header.writeUInt32LE(RATE, 28)
  header.writeUInt16LE(1, 32)
  header.writeUInt16LE(8, 34)
  header.write('data', 36)
  header.writeUInt32LE(data.length, 40)
  writeFileSync(
    join(import.meta.dirname, '..', 'renderer', 'public', 'sounds', `${name}.wav`),
    Buffer.concat([header, data]),
  )
}
