/** The board's session as the hub describes it (`GET /board/session`), read at the edge with zod. */
import { z } from 'zod'

const sessionSchema = z.object({
  agent: z.object({ name: z.string().max(200) }),
  csrf: z.string().min(16).max(200),
  expiresAt: z.number(),
  firstResponseSeconds: z.record(z.string(), z.number().positive()),
  defaultFirstResponseSeconds: z.number().positive(),
  /** Chats that breached today as the hub counted them since the morning (it runs all day; the board may not). */
  breachesToday: z.array(z.string().max(300)).max(100_000),
})

/** A signed-in lead's session. */
export type BoardSession = z.output<typeof sessionSchema>

/** The session, `signed-out` (401), or `error` when the hub cannot be reached or answers nonsense. */
export async function readSession(): Promise<BoardSession | 'signed-out' | 'error'> {
  try {
    const answer = await fetch('/board/session', { credentials: 'same-origin', cache: 'no-store' })
    if (answer.status === 401) return 'signed-out'
    const parsed = sessionSchema.safeParse(await answer.json())
    return parsed.success ? parsed.data : 'error'
  } catch {
    return 'error'
  }
}
