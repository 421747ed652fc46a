/**
 * DeskDirector's settings section and secrets, declared by the DeskDirector plug-in
 * (`electron/core/sources/deskdirector/`) and composed into the settings schema by `shared/settings.ts`. They live in
 * `shared/` because the renderer's settings screen reads them too. Facts behind them: docs/deskdirector.md.
 */
import { z } from 'zod'
import { sourceSettings } from '../source-settings'

/** The `deskdirector` settings section and the secret `deskdirector.secrets` (one per registered webhook). */
export const DESKDIRECTOR_SETTINGS = sourceSettings({
  id: 'deskdirector',
  section: z.object({
    /** DeskDirector site, e.g. `https://acme.deskdirector.com`; used for "open" links and the openExternal allowlist. */
    baseUrl: z
      .url({ protocol: /^https$/ })
      .nullable()
      .default(null),
    /** "Me" at DeskDirector: the tech's `userId` (`<instance>~m~<id>`, e.g. `nzlancomdev~m~268`). */
    userId: z.string().max(200).nullable().default(null),
  }),
  firstResponseSeconds: 40,
  secrets: {
    /** One secret per registered webhook, one per line or comma. */
    secrets: { single: false },
  },
})
