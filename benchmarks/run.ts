/**
 * `npm run bench`: runs every benchmark and prints its figures. Each benchmark is a module under
 * `benchmarks/` exporting `run(): Promise<BenchFigure[]>`; they are listed here explicitly.
 */
import type { BenchFigure } from './figure'

const suites: { name: string; load: () => Promise<{ run: () => Promise<BenchFigure[]> }> }[] = [
  { name: 'webhooks', load: () => import('./webhooks.bench') },
]

async function main(): Promise<void> {
  for (const suite of suites) {
    const figures = await (await suite.load()).run()
    for (const f of figures)
      process.stdout.write(`${suite.name}\t${f.name}\t${f.value}\t${f.unit}\ttarget ${f.target}\n`)
  }
  if (suites.length === 0) process.stdout.write('no benchmarks registered yet\n')
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`)
  process.exit(1)
})
