/**
 * Listener diagnostics: bound and reachable, each route's secret configured, and a self-signed test
 * delivery accepted end to end (through the real HTTP route, signature check, transform and store).
 * The test chat is a closed one, so it raises no alert, and it is removed right after.
 */

import { isLoopbackHost } from '../../../../shared/loopback'
import { deskDirectorSignature } from '../../webhooks/signature'
import { splitSecrets } from '../ports'
import type { Runtime } from '../runtime'
import type { CheckResult } from './check'

const DD_SECRET_FIX =
  'copy the secret of each chat webhook from DeskDirector Admin Portal → Advanced → Webhook → Display detail, and enter them in Settings → Webhook listener (headless: --deskdirector-secret or DESKDIRECTOR_WEBHOOK_SECRETS)'

/** Runs the listener checks against the running listener at `listen`. */
export async function listenerChecks(runtime: Runtime, listen: string): Promise<CheckResult[]> {
  const results = [await reachableCheck(runtime, listen)]
  if (results[0]?.status === 'fail') return results
  const { options } = runtime
  const ddSecrets = splitSecrets(options.secrets.get('deskdirector.secrets'))
  const unsigned = options.settings.get().listener.allowUnsigned
  results.push(
    secretCheck(
      'deskdirector.secret',
      '/webhooks/deskdirector',
      ddSecrets.length,
      unsigned.deskdirector,
      DD_SECRET_FIX,
    ),
  )
  const hcKey = options.secrets.get('helpcrunch.signingKey')
  results.push(
    hcKey || unsigned.helpcrunch
      ? secretCheck('helpcrunch.signing-key', '/webhooks/helpcrunch', hcKey ? 1 : 0, unsigned.helpcrunch, '')
      : {
          id: 'helpcrunch.signing-key',
          status: 'skip',
          message: 'no signing key: HelpCrunch webhooks are refused (polling still works)',
        },
  )
  const secret = ddSecrets[0]
  results.push(
    secret
      ? await selfTestDelivery(runtime, listen, secret)
      : { id: 'deskdirector.delivery', status: 'skip', message: 'no DeskDirector secret to sign a test delivery with' },
  )
  return results
}

async function reachableCheck(runtime: Runtime, listen: string): Promise<CheckResult> {
  try {
    const response = await fetch(`${listen}/health`, { signal: AbortSignal.timeout(5_000) })
    if (response.status !== 200) throw new Error(`/health answered ${response.status}`)
  } catch (error) {
    return {
      id: 'listener.reachable',
      status: 'fail',
      message: `the listener at ${listen} did not answer: ${(error as Error).message}`,
      fix: 'check firewall rules for loopback, or choose another listener address (headless: --listen)',
    }
  }
  const host = runtime.options.settings.get().listener.host
  if (isLoopbackHost(host))
    return {
      id: 'listener.reachable',
      status: 'pass',
      message: `listening on ${listen} (loopback only; expose it with a tunnel)`,
    }
  return {
    id: 'listener.reachable',
    status: 'warn',
    message: `listening on ${listen}: reachable from other machines`,
    fix: 'bind to 127.0.0.1 and use a tunnel unless you need this',
  }
}

function secretCheck(id: string, route: string, count: number, allowUnsigned: boolean, fix: string): CheckResult {
  if (count > 0)
    return { id, status: 'pass', message: `${count} secret${count > 1 ? 's' : ''} configured for ${route}` }
  if (allowUnsigned) {
    return {
      id,
      status: 'warn',
      message: `${route} accepts UNSIGNED deliveries: anyone who reaches the port can post chats`,
      fix: fix || 'configure the signing key and turn unsigned deliveries off',
    }
  }
  return { id, status: 'warn', message: `no secret configured: deliveries to ${route} are refused`, fix }
}

async function selfTestDelivery(runtime: Runtime, listen: string, secret: string): Promise<CheckResult> {
  const id = `chat-tray-check-${Date.now()}`
  const at = new Date().toISOString()
  const body = JSON.stringify([
    {
      id,
      name: 'Chat Tray self-test',
      type: 'request',
      status: 'completed',
      createdDateTime: at,
      lastModifiedDateTime: at,
    },
  ])
  const key = `deskdirector:${id}`
  try {
    const response = await fetch(`${listen}/webhooks/deskdirector`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dd-signature': deskDirectorSignature(body, secret) },
      body,
      signal: AbortSignal.timeout(5_000),
    })
    const applied = runtime.engine.store.get(key) !== undefined
    if (response.status !== 200 || !applied) {
      return {
        id: 'deskdirector.delivery',
        status: 'fail',
        message: `a signed test delivery was answered ${response.status}${applied ? '' : ' and not applied'}`,
        fix: 'run with CHAT_TRAY_LOG_LEVEL=debug and look at the listener log',
      }
    }
    return {
      id: 'deskdirector.delivery',
      status: 'pass',
      message: 'a signed test delivery was accepted and applied end to end',
    }
  } catch (error) {
    return {
      id: 'deskdirector.delivery',
      status: 'fail',
      message: `the test delivery failed: ${(error as Error).message}`,
    }
  } finally {
    runtime.engine.store.remove(key, 'deleted')
  }
}
