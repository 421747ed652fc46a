import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { silentLogger } from '../log'
import { writeFileAtomic } from './atomic-file'
import { fileCell } from './cell'
import { StateHealth } from './state-health'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chat-tray-cell-'))
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
  rmSync(dir, { recursive: true, force: true })
})

const schema = z.object({ until: z.number().nullable() })

describe('file cell on a failing disk', () => {
  it('a value set while the disk refuses writes is told, retried and saved once it takes them', () => {
    const path = join(dir, 'snooze.json')
    const health = new StateHealth()
    let full = false
    const write = (p: string, text: string) => {
      if (full) throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' })
      writeFileAtomic(p, text)
    }
    const cell = fileCell(path, schema, { until: null }, silentLogger, () => 0, { health, write, retryMs: 1_000 })
    cell.set({ until: 1 })
    full = true
    cell.set({ until: 2 })
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ until: 1 })
    expect(health.unsavedNotice()).toMatch(/the disk is read-only\): changes to snooze\.json wait/)
    vi.advanceTimersByTime(1_000)
    expect(health.counters().writeFailures).toBe(2) // the retry failed too
    full = false
    vi.advanceTimersByTime(1_000)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ until: 2 })
    expect(health.unsavedNotice()).toBeNull()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('an unreadable file is set aside and counted as damaged', () => {
    const path = join(dir, 'dnd.json')
    writeFileSync(path, '{"until": "soon"}')
    const health = new StateHealth()
    const cell = fileCell(path, schema, { until: null }, silentLogger, () => 0, { health })
    expect(cell.get()).toEqual({ until: null })
    expect(health.counters().badLines).toEqual({ 'dnd.json': 1 })
    expect(health.damagedNotice()).toMatch(/1 in dnd\.json/)
  })
})
