/** One measured figure of a benchmark, and how the report judges it against its target. */
export interface BenchFigure {
  name: string
  value: number
  unit: string
  /** The target, as text, starting with a comparator: "<= 5 ms", ">= 0.5". */
  target: string
}

/** Reads the comparator and limit at the start of a target ("<= 5 ms", "≥ 0.5"); null when there is none. */
export function parseTarget(target: string): { op: '<=' | '>=' | '<' | '>'; limit: number } | null {
  const match = /^\s*(<=|>=|<|>|≤|≥)\s*(-?\d+(?:\.\d+)?)/.exec(target)
  if (!match) return null
  const op = ({ '≤': '<=', '≥': '>=' } as Record<string, '<=' | '>='>)[match[1] as string] ?? match[1]
  return { op: op as '<=' | '>=' | '<' | '>', limit: Number(match[2]) }
}

/** Whether `value` meets `target`; null when the target has no comparator. */
export function meetsTarget(value: number, target: string): boolean | null {
  const parsed = parseTarget(target)
  if (!parsed) return null
  switch (parsed.op) {
    case '<=':
      return value <= parsed.limit
    case '>=':
      return value >= parsed.limit
    case '<':
      return value < parsed.limit
    case '>':
      return value > parsed.limit
  }
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** The p-th percentile (0–100) of a list, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] as number
}
