/**
 * Runs every diagnostic (the headless `--check` and the settings "Check my setup" button): the listener's,
 * then each registered source's own. Takes narrow inputs, never the runtime, so nothing here imports it.
 */
import type { SourceCheckInputs, SourcePlugin } from '../../sources/types'
import type { CheckResult } from './check'
import { reachableCheck } from './listener-checks'

/** What the checks read: the listener URL, settings and secrets, the store, and the sources to ask. */
export interface CheckInputs extends Omit<SourceCheckInputs, 'listen'> {
  listen: string
  plugins: readonly SourcePlugin[]
}

/** All checks, in a stable order. When no help desk is configured at all, that is itself a failure. */
export async function runChecks(inputs: CheckInputs): Promise<CheckResult[]> {
  const { plugins, settings, secrets } = inputs
  const reachable = await reachableCheck(inputs.listen, settings.listener.host)
  // A listener that does not answer makes every route check meaningless: sources then check only their APIs.
  const listen = reachable.status === 'fail' ? null : inputs.listen
  const perSource: CheckResult[] = []
  for (const plugin of plugins) perSource.push(...((await plugin.checks?.({ ...inputs, listen })) ?? []))
  const configured = plugins.some((plugin) => plugin.configured(settings, secrets))
  const none: CheckResult[] = configured
    ? []
    : [
        {
          id: 'sources',
          status: 'fail',
          message: 'no help desk is configured, so nothing can alert',
          fix: `set ${plugins.map((p) => p.setupHint).join(' and/or ')} in Settings, or try the demo (--demo)`,
        },
      ]
  return [...none, reachable, ...perSource]
}
