import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../electron/core/demo/fake-helpcrunch/faults'
import { soakConfig } from './config'
import { runSoak } from './run'
import { formatSummary } from './summary'

// A compressed soak: the real headless host as a child process for ~75 s of traffic with every fault kind,
// the 500-chat burst and two SIGKILL + restarts. Seeded; it waits for the host to converge instead of
// asserting on timing, so it checks outcomes only.
describe('soak (compressed)', () => {
  it('announces every waiting chat once, loses no accepted delivery, stays in budget and does not leak', async () => {
    const seed = 4242
    const result = await runSoak(soakConfig(75_000, seed, seededRandom(seed ^ 0x5eed)))
    const summary = formatSummary(result)
    expect(result.kills, summary).toBeGreaterThanOrEqual(1)
    expect(Object.keys(result.deliveries).sort(), summary).toEqual([
      'all-invalid',
      'bad-signature',
      'duplicate',
      'normal',
      'oversized',
      'partly-invalid',
      'reordered',
    ])
    expect(result.violations, summary).toEqual([])
  }, 420_000)
})
