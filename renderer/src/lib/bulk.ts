/**
 * Runs one action on many chats at once and reports once: every request goes out together, and what main's
 * own request budget holds back (`busy`: Chat Tray's pacing, never the help desk's limit) is sent again as the
 * budget refills, so a bulk action ends with one result ("22 of 24 snoozed") instead of a trickle of rows and
 * errors. Only real refusals count as failures.
 */
import type { CommandError } from '../../../shared/protocol'

type Outcome = { ok: true } | { ok: false; error: CommandError }

/** What a bulk run ended with. */
export interface BulkResult {
  done: string[]
  failed: { key: string; error: CommandError }[]
}

/** Longest a bulk action keeps re-sending what the budget held back. */
const PATIENCE_MS = 180_000
/** Wait before re-sending a held-back request when main did not say how long. */
const BUDGET_WAIT_MS = 1_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Runs `run` for every key in parallel; `busy` answers are re-sent until they succeed, fail or patience ends. */
export async function runBulk(
  keys: readonly string[],
  run: (key: string) => Promise<Outcome>,
  now: () => number = Date.now,
): Promise<BulkResult> {
  const deadline = now() + PATIENCE_MS
  const one = async (key: string): Promise<Outcome> => {
    for (;;) {
      const outcome = await run(key)
      if (outcome.ok || outcome.error.code !== 'busy' || now() >= deadline) return outcome
      await sleep(outcome.error.retryAfterMs ?? BUDGET_WAIT_MS)
    }
  }
  const outcomes = await Promise.all(keys.map(one))
  const result: BulkResult = { done: [], failed: [] }
  keys.forEach((key, i) => {
    const outcome = outcomes[i] as Outcome
    if (outcome.ok) result.done.push(key)
    else result.failed.push({ key, error: outcome.error })
  })
  return result
}

/** "22 of 24 snoozed", "24 snoozed": the count half of a bulk result. */
export function countWords(result: BulkResult, verb: string): string {
  const total = result.done.length + result.failed.length
  return result.failed.length === 0 ? `${verb} ${total}` : `${result.done.length} of ${total} ${verb.toLowerCase()}`
}
