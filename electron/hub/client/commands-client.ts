/** Sends one quick action to the hub's `POST /v1/commands` and turns its answer into a result or a `CommandFailure`. */
import { z } from 'zod'
import { CommandFailure, ERROR_CODES } from '../../../shared/protocol'

const answerSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string().max(2000),
      sourceCode: z.string().optional(),
      retryAfterMs: z.number().int().nonnegative().max(86_400_000).optional(),
      claim: z.object({ agent: z.string().min(1).max(200), since: z.number() }).optional(),
    }),
  }),
])

const TIMEOUT_MS = 30_000
const MAX_ANSWER_BYTES = 16 * 1024 * 1024
let sequence = 0

/**
 * Runs `command` on the hub; resolves with its result or throws `CommandFailure`. `onThrottled` hears a
 * `429` (this desktop's command quota on the hub is spent), with how long to wait.
 */
export async function hubCommand(
  hub: { url: string; token: string; fetch: typeof fetch; onThrottled?: (retryAfterMs: number) => void },
  command: string,
  params: Record<string, unknown>,
): Promise<unknown> {
  let response: Response
  try {
    response = await hub.fetch(`${hub.url}/v1/commands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: `c${++sequence}`, command, ...params }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError'
    throw new CommandFailure(timedOut ? 'timeout' : 'offline', `the team hub is unreachable (${command})`)
  }
  if (response.status === 401) throw new CommandFailure('auth_failed', 'the team hub refused this token')
  const text = await response.text()
  if (text.length > MAX_ANSWER_BYTES) throw new CommandFailure('source_error', 'the team hub answer is too large')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new CommandFailure('source_error', `the team hub answered ${response.status} without JSON`)
  }
  const parsed = answerSchema.safeParse(json)
  if (!parsed.success) throw new CommandFailure('source_error', `the team hub answered ${response.status} unexpectedly`)
  if (!parsed.data.ok) {
    const { code, message, sourceCode, retryAfterMs, claim } = parsed.data.error
    if (response.status === 429) hub.onThrottled?.(retryAfterMs ?? 1000)
    const failure = new CommandFailure(code, message, sourceCode, retryAfterMs)
    if (claim) failure.claim = claim
    throw failure
  }
  return parsed.data.result
}
