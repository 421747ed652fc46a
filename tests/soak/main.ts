/** `npm run soak -- --minutes N [--seed S] [--quiet]`: runs the soak, prints the summary, exits 1 on any violation. */
import { parseArgs } from 'node:util'
import { seededRandom } from '../../electron/core/demo/fake-helpcrunch/faults'
import { soakConfig } from './config'
import { runSoak } from './run'
import { formatSummary } from './summary'

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    seed: { type: 'string', default: '20261121' },
    quiet: { type: 'boolean' },
  },
})
const minutes = Number(values.minutes)
const seed = Number(values.seed)
if (!Number.isFinite(minutes) || minutes < 0.5 || !Number.isInteger(seed)) {
  process.stderr.write('usage: npm run soak -- --minutes N (>= 0.5) [--seed INTEGER] [--quiet]\n')
  process.exit(2)
}
const config = soakConfig(Math.round(minutes * 60_000), seed, seededRandom(seed ^ 0x5eed), !values.quiet)
const result = await runSoak(config)
process.stdout.write(`${formatSummary(result)}\n`)
process.exit(result.violations.length === 0 ? 0 : 1)
