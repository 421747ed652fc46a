import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { composeSettings, defaultSettings, SOURCE_SETTINGS } from '../../../shared/settings'
import { sourceSettings } from '../../../shared/source-settings'
import { fakeAdapter } from '../../../tests/helpers/adapters'
import { memoryRuntime } from '../../../tests/helpers/runtime'
import type { SourcePlugin } from '../sources/types'
import { watchingDates } from './sender-clock'

/** A desk with no settings of its own (the runtime refuses a plug-in its settings model does not hold). */
const DESK_SETTINGS = sourceSettings({ id: 'desk', section: z.object({}), secrets: {} })

describe('watchingDates', () => {
  it('tells the Date of each answer that has a readable one, and passes the answer on as it is', async () => {
    const seen: number[] = []
    const answers = [
      new Response('a', { headers: { date: 'Mon, 02 Mar 2026 09:30:00 GMT' } }),
      new Response('b'),
      new Response('c', { headers: { date: 'yesterday' } }),
    ]
    const fetchImpl = watchingDates(
      async () => answers.shift() as Response,
      (date) => seen.push(date),
    )
    expect(await (await fetchImpl('http://127.0.0.1/x')).text()).toBe('a')
    await fetchImpl('http://127.0.0.1/x')
    await fetchImpl('http://127.0.0.1/x')
    expect(seen).toEqual([Date.UTC(2026, 2, 2, 9, 30, 0)])
  })

  it("a source's API answers dated 3 minutes after the local clock put a warning with a code on its status", async () => {
    const T = Date.UTC(2026, 2, 2, 9, 30, 0)
    const date = new Date(T + 3 * 60_000).toUTCString()
    const { runtime } = memoryRuntime(
      defaultSettings(),
      {},
      {
        settingsModel: composeSettings({ ...SOURCE_SETTINGS, desk: DESK_SETTINGS }),
        now: () => T,
        fetch: async () => new Response('{}', { headers: { date } }),
      },
    )
    let call: (() => Promise<unknown>) | null = null
    const adapter = fakeAdapter('desk', { label: 'Desk' })
    const plugin: SourcePlugin = {
      identity: adapter.identity,
      settings: DESK_SETTINGS,
      setupHint: '',
      configured: () => true,
      opensLink: () => false,
      register(host) {
        call = () => (host.options.fetch as typeof fetch)('http://127.0.0.1/api')
        return adapter
      },
    }
    runtime.use([plugin])
    runtime.engine.contextFor('desk').reportStatus(adapter.status())
    await (call as unknown as () => Promise<unknown>)()
    const status = runtime.engine.statuses().find((s) => s.source === 'desk')
    expect(status?.notices).toEqual([
      { code: 'clock-skew', message: expect.stringMatching(/^This computer's clock is 3 min behind Desk's/) },
    ])
  })
})
