/**
 * zod shapes of HelpCrunch answers, lenient where the API drifts (docs/helpcrunch.md): lists in `data`
 * with the total in `meta.total` or a top-level `total` (either may be a numeric string, or missing).
 */
import { z } from 'zod'

const count = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)])

/** `{data: [...], meta: {total}}` or `{data: [...], total}`; items are validated one by one later. */
export const listResponseSchema = z
  .object({
    data: z.array(z.unknown()),
    meta: z.object({ total: count.optional() }).loose().nullish(),
    total: count.optional(),
  })
  .loose()
  .transform((r) => ({ items: r.data, total: r.meta?.total ?? r.total ?? null }))

/** One agent (team member). */
export const agentSchema = z
  .object({
    id: z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String),
    name: z
      .string()
      .nullish()
      .transform((v) => v ?? null),
    email: z
      .string()
      .nullish()
      .transform((v) => v ?? null),
    role: z
      .string()
      .nullish()
      .transform((v) => v ?? null),
  })
  .loose()

/** An agent as the client returns it. */
export type HelpCrunchAgent = z.output<typeof agentSchema>

/** `GET /organization` → `{data: {id, domain, ...}}`. */
export const organizationResponseSchema = z
  .object({
    data: z.object({ id: z.union([z.number(), z.string()]).optional(), domain: z.string().min(1).nullish() }).loose(),
  })
  .loose()
  .transform((r) => ({ domain: r.data.domain ?? null }))
