/** Turns repeated benchmark runs into medians and the BENCHMARKS.md report. */
import { cpus, totalmem, type } from 'node:os'
import { type BenchFigure, median, meetsTarget } from './figure'

/** One figure over all repetitions. */
export interface FigureSummary {
  suite: string
  name: string
  unit: string
  target: string
  values: number[]
  median: number
  met: boolean | null
}

/** Groups the figures of every repetition of a suite by name and takes the median of each. */
export function summarise(suite: string, runs: readonly BenchFigure[][]): FigureSummary[] {
  const byName = new Map<string, { figure: BenchFigure; values: number[] }>()
  for (const run of runs) {
    for (const figure of run) {
      const entry = byName.get(figure.name) ?? { figure, values: [] }
      entry.values.push(figure.value)
      byName.set(figure.name, entry)
    }
  }
  return [...byName.values()].map(({ figure, values }) => {
    const mid = median(values)
    return {
      suite,
      name: figure.name,
      unit: figure.unit,
      target: figure.target,
      values,
      median: mid,
      met: meetsTarget(mid, figure.target),
    }
  })
}

/** Formats a number for the report (3 significant digits, no exponent for ordinary sizes). */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US')
  return Number(value.toPrecision(3)).toString()
}

/** The markdown report. */
export function renderReport(
  figures: readonly FigureSummary[],
  repeat: number,
  command: string,
  date = new Date(),
): string {
  const cpu = cpus()
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`${command}\` on ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    `Machine: ${type()}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}.`,
    `Each benchmark ran ${repeat} times; the table gives the median, and the range over the runs.`,
    '',
    '| benchmark | figure | median | range | target | met |',
    '|---|---|---|---|---|---|',
  ]
  for (const f of figures) {
    const range = `${formatValue(Math.min(...f.values))}–${formatValue(Math.max(...f.values))}`
    const met = f.met === null ? '—' : f.met ? 'yes' : '**no**'
    lines.push(`| ${f.suite} | ${f.name} | ${formatValue(f.median)} ${f.unit} | ${range} | ${f.target} | ${met} |`)
  }
  return `${lines.join('\n')}\n`
}
