/** One measured figure of a benchmark. */
export interface BenchFigure {
  name: string
  value: number
  unit: string
  /** The target, as text (e.g. "<= 5 ms"). */
  target: string
}
