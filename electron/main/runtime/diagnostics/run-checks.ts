/** Runs every diagnostic against a started runtime (the headless `--check` and the settings "Check my setup" button). */
import { splitSecrets } from '../ports'
import type { Runtime } from '../runtime'
import type { CheckResult } from './check'
import { helpCrunchChecks } from './helpcrunch-checks'
import { listenerChecks } from './listener-checks'

/** All checks, in a stable order. When no help desk is configured at all, that is itself a failure. */
export async function runChecks(runtime: Runtime, listen: string): Promise<CheckResult[]> {
  const { settings, secrets, fetch: fetchImpl } = runtime.options
  const hc = await helpCrunchChecks(
    settings.get().helpcrunch,
    secrets.get('helpcrunch.apiKey'),
    fetchImpl ?? globalThis.fetch,
  )
  const listener = await listenerChecks(runtime, listen)
  const configured =
    secrets.get('helpcrunch.apiKey') !== null ||
    splitSecrets(secrets.get('deskdirector.secrets')).length > 0 ||
    settings.get().listener.allowUnsigned.deskdirector
  const none: CheckResult[] = configured
    ? []
    : [
        {
          id: 'sources',
          status: 'fail',
          message: 'no help desk is configured, so nothing can alert',
          fix: 'set a HelpCrunch key and/or DeskDirector secrets in Settings (headless: --helpcrunch-key, --deskdirector-secret), or try the demo (--demo)',
        },
      ]
  return [...none, ...hc, ...listener]
}
