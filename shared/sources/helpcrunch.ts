/**
 * HelpCrunch's settings section and secrets, declared by the HelpCrunch plug-in (`electron/core/sources/helpcrunch/`)
 * and composed into the settings schema by `shared/settings.ts`. They live in `shared/` because the renderer's
 * settings screen reads them too. Facts behind the defaults: docs/helpcrunch.md.
 */
import { z } from 'zod'
import { apiUrlProblem } from '../api-url'
import { sourceSettings } from '../source-settings'

/** The `helpcrunch` settings section and the secrets `helpcrunch.apiKey` and `helpcrunch.signingKey`. */
export const HELPCRUNCH_SETTINGS = sourceSettings({
  id: 'helpcrunch',
  section: z.object({
    /** The API key is sent here: `https:` only (plain `http:` for loopback hosts); a new origin clears the key. */
    apiUrl: z
      .url({ protocol: /^https?$/ })
      .check((ctx) => {
        const problem = apiUrlProblem(ctx.value)
        if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value })
      })
      .default('https://api.helpcrunch.com/v1'),
    /** HelpCrunch agent id of "me" (for assign-to-me, scope "mine", assigned-to-me alerts). */
    agentId: z.string().max(64).nullable().default(null),
    pollSeconds: z.number().int().min(5).max(3600).default(15),
    /** This desktop's ceiling of the organisation's 120 requests/minute (others share them); lowered on 429. */
    requestsPerMinute: z.number().int().min(1).max(120).default(60),
    /** Agent-app link; `{domain}` and `{id}` are filled in. */
    webUrlTemplate: z.string().max(500).default('https://{domain}.helpcrunch.com/inbox/chats/{id}'),
    /** Organisation subdomain, filled from `GET /organization` when empty. */
    domain: z.string().max(100).nullable().default(null),
  }),
  firstResponseSeconds: 60,
  secrets: {
    /** The API key goes only to the API it was given for. */
    apiKey: { single: true, origin: (section) => section.apiUrl },
    signingKey: { single: true },
  },
})
