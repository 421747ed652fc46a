/**
 * Silence is never "OK": a HelpCrunch record the app cannot read is counted on the source status in plain words
 * (code `unmapped-records`), kept as a dead letter, and the documented alternatives (numeric status codes,
 * PHP's `[]` for an absent object) are read rather than dropped.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { helpCrunchRig, TEST_KEY } from '../../../../tests/helpers/helpcrunch'
import { silentLogger } from '../../engine/log'
import { DeadLetters } from '../../engine/persistence/dead-letters'
import { HelpCrunchAdapter } from './adapter'

const T0 = Date.parse('2026-03-02T09:00:00Z')

beforeEach(() => vi.useFakeTimers({ now: T0 }))
afterEach(() => vi.useRealTimers())

/** A rig whose adapter keeps dead letters. */
function rigWithDeadLetters() {
  const rig = helpCrunchRig()
  const deadLetters = new DeadLetters(null, silentLogger, () => Date.now())
  const adapter = new HelpCrunchAdapter({
    context: rig.engine.contextFor('helpcrunch'),
    settings: rig.settings,
    secrets: { get: () => TEST_KEY, set() {} },
    fetch: rig.fake.fetch,
    deadLetters,
  })
  return { ...rig, adapter, deadLetters }
}

describe('HelpCrunch records the app cannot read', () => {
  it('an unknown status: a visible warning in plain words and a dead letter, not a silent OK', async () => {
    const rig = rigWithDeadLetters()
    rig.fake.db.addChat({ id: 700, status: 'new' })
    rig.fake.db.addChat({ id: 701, status: 'escalated' })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(1_000)
    const status = rig.adapter.status()
    const warning = status.notices?.find((w) => w.code === 'unmapped-records')
    expect(warning?.message).toMatch(
      /^1 HelpCrunch chat could not be read and is not shown \(last reason: .*"escalated" is not a known status\)/,
    )
    expect(status.warnings).toContain(warning?.message)
    expect(rig.deadLetters.list('helpcrunch')).toEqual([
      expect.objectContaining({
        reason: expect.stringContaining('"escalated"'),
        item: expect.stringContaining('"id":701'),
      }),
    ])
    // Kept once, not once per poll.
    await vi.advanceTimersByTimeAsync(60_000)
    expect(rig.deadLetters.list('helpcrunch')).toHaveLength(1)
    // Once HelpCrunch sends a status the app knows, the chat shows and the warning goes.
    rig.fake.db.update(701, { status: 'opened', lastMessageAt: Math.floor(Date.now() / 1000) })
    await vi.advanceTimersByTimeAsync(30_000)
    expect(rig.engine.store.get('helpcrunch:701')).toMatchObject({ state: 'active' })
    expect(rig.adapter.status().notices ?? []).not.toContainEqual(expect.objectContaining({ code: 'unmapped-records' }))
    await rig.adapter.stop()
  })

  it('numeric status codes in answers are read through the code table', async () => {
    const rig = helpCrunchRig()
    rig.fake.db.quirks.statusAsCode = true
    for (const status of ['new', 'opened', 'pending', 'on hold', 'closed']) rig.fake.db.addChat({ status })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(
      rig.engine.store
        .bySource('helpcrunch')
        .map((c) => [c.rawStatus, c.state])
        .sort(),
    ).toEqual([
      ['1', 'waiting'],
      ['2', 'active'],
      ['3', 'pending'],
      ['4', 'on-hold'],
    ])
    expect(rig.adapter.status().notices ?? []).toEqual([])
    await rig.adapter.stop()
  })

  it("PHP's [] for an absent assignee or department is read as absent, and the chats show", async () => {
    const rig = helpCrunchRig()
    rig.fake.db.quirks.emptyObjectsAsArrays = true
    rig.fake.db.addChat({ id: 800, status: 'new', department: null })
    rig.fake.db.addChat({ id: 801, status: 'opened', assignee: 4188 })
    await rig.adapter.start()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(rig.engine.store.get('helpcrunch:800')).toMatchObject({ state: 'waiting', assignee: null, department: null })
    expect(rig.engine.store.get('helpcrunch:801')).toMatchObject({ assignee: { id: '4188' } })
    await rig.adapter.stop()
  })
})
