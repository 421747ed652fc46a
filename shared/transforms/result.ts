/** Outcome of turning one raw record into a `Chat`: the chat, or a precise reason naming the bad field. */
import type { z } from 'zod'
import type { Chat } from '../chat'

/** Result of a transform. `error` names the offending field, e.g. `field "status": expected string`. */
export type TransformResult = { ok: true; chat: Chat } | { ok: false; error: string }

/** Formats the first zod issues as `field "a.b": message; ...` (at most three, to keep log lines short). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.map(String).join('.')
      return path ? `field "${path}": ${issue.message}` : issue.message
    })
    .join('; ')
}
