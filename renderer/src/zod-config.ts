/**
 * zod compiles object parsers with `new Function` when it can, and probes for that at the first parse. The
 * panel's CSP has no 'unsafe-eval', so the probe is refused and reported as a CSP violation on every start.
 * Parsing without the JIT is the same validation, just interpreted. Imported first by main.tsx.
 */
import { z } from 'zod'

z.config({ jitless: true })
