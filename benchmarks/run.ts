/**
 * `npm run bench [-- --repeat N] [--only NAME,...] [--no-write]`: runs every benchmark N times (default 5),
 * prints each figure's median against its target and writes BENCHMARKS.md. Each benchmark is a module
 * under `benchmarks/` exporting `run(): Promise<BenchFigure[]>` (one repetition); they are listed here.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { BenchFigure } from './figure'
import { type FigureSummary, formatValue, renderReport, summarise } from './report'

const suites: { name: string; load: () => Promise<{ run: () => Promise<BenchFigure[]> }> }[] = [
  { name: 'engine', load: () => import('./engine.bench') },
  { name: 'helpcrunch-poll', load: () => import('./helpcrunch-poll.bench') },
  { name: 'webhooks', load: () => import('./webhooks.bench') },
  { name: 'renderer', load: () => import('./renderer.bench') },
  { name: 'hub', load: () => import('./hub.bench') },
  { name: 'hub-cluster', load: () => import('./hub-cluster.bench') },
]

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { repeat: { type: 'string', default: '5' }, only: { type: 'string' }, 'no-write': { type: 'boolean' } },
  })
  const repeat = Number(values.repeat)
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat: expected a positive whole number`)
  const only = values.only ? new Set(values.only.split(',')) : null
  const selected = suites.filter((s) => !only || only.has(s.name))
  const figures: FigureSummary[] = []
  for (const suite of selected) {
    const module = await suite.load()
    const runs: BenchFigure[][] = []
    for (let i = 0; i < repeat; i++) runs.push(await module.run())
    for (const f of summarise(suite.name, runs)) {
      figures.push(f)
      const verdict = f.met === null ? '' : f.met ? '  ok' : '  MISSED'
      process.stdout.write(
        `${suite.name}\t${f.name}\t${formatValue(f.median)} ${f.unit}\ttarget ${f.target}${verdict}\n`,
      )
    }
  }
  if (selected.length === 0) process.stdout.write('no benchmarks selected\n')
  if (!values['no-write'] && !only) {
    const command = `npm run bench -- --repeat ${repeat}`
    writeFileSync(join(import.meta.dirname, '..', 'BENCHMARKS.md'), renderReport(figures, repeat, command))
    process.stdout.write('wrote BENCHMARKS.md\n')
  }
  return 0
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${(error as Error).stack}\n`)
    process.exit(1)
  },
)
