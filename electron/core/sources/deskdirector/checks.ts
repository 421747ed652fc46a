/**
 * DeskDirector setup checks: each webhook's secret is configured, and a self-signed test delivery is accepted
 * end to end (through the real HTTP route, signature check, transform and store). The test chat is a closed
 * one, so it raises no alert, and it is removed right after.
 */
import type { CheckResult } from '../../../../shared/protocol'
import { splitSecrets } from '../../engine/ports'
import { secretCheck } from '../../http/route-checks'
import type { SourceCheckInputs } from '../types'
import { deskDirectorSignature } from './signature'
import { DESKDIRECTOR_WEBHOOK_PATH } from './webhook'

const DD_SECRET_FIX =
  'copy the secret of each chat webhook from DeskDirector Admin Portal → Advanced → Webhook → Display detail, and enter them in Settings → Webhook listener (headless: --deskdirector-secret or DESKDIRECTOR_WEBHOOK_SECRETS)'

/** The DeskDirector checks; nothing to check while the listener is not reachable. */
export async function deskDirectorChecks(inputs: SourceCheckInputs): Promise<CheckResult[]> {
  const { listen } = inputs
  if (listen === null) return []
  const secrets = splitSecrets(inputs.secrets.get('deskdirector.secrets'))
  const unsigned = inputs.settings.listener.allowUnsigned.deskdirector
  const secret = secrets[0]
  return [
    secretCheck('deskdirector.secret', DESKDIRECTOR_WEBHOOK_PATH, secrets.length, unsigned, DD_SECRET_FIX),
    secret
      ? await selfTestDelivery(inputs, listen, secret)
      : { id: 'deskdirector.delivery', status: 'skip', message: 'no DeskDirector secret to sign a test delivery with' },
  ]
}

async function selfTestDelivery(inputs: SourceCheckInputs, listen: string, secret: string): Promise<CheckResult> {
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
    const response = await fetch(`${listen}${DESKDIRECTOR_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dd-signature': deskDirectorSignature(body, secret) },
      body,
      signal: AbortSignal.timeout(5_000),
    })
    const applied = inputs.store.get(key) !== undefined
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
    inputs.store.remove(key, 'deleted')
  }
}
