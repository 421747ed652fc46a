import { afterEach, describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../../shared/settings'
import { ddSession, ddSignature, send } from '../../../../tests/helpers/webhooks'
import { memorySecrets, memorySettings } from '../../runtime/ports'
import { createRuntime, type Runtime } from '../../runtime/runtime'
import { registerSources } from '../../sources/registry'
import { silentLogger } from '../log'

const SECRET = 'after-answer-secret-0123456789'
let runtime: Runtime | undefined
afterEach(async () => {
  await runtime?.stop()
  runtime = undefined
})

describe('alerts after the answer', () => {
  it('a delivery is answered once its chat is applied; its alert is decided right after', async () => {
    const settings = defaultSettings()
    settings.listener.port = 0
    settings.alerts.batchWindowMs = 0
    runtime = createRuntime({
      settings: memorySettings(settings),
      secrets: memorySecrets({ 'deskdirector.secrets': SECRET }),
      log: silentLogger,
      version: 'test',
      stateDir: null,
      demo: false,
    })
    registerSources(runtime)
    const order: string[] = []
    runtime.listener.server.on('request', (_req, res) => res.on('finish', () => order.push('answered')))
    runtime.engine.bus.on(['chat.added', 'alert'], (event) => order.push(event.type))
    const { listen } = await runtime.start()
    await new Promise((resolve) => setImmediate(resolve)) // the start-up window ends on the next turn
    const now = new Date().toISOString()
    const body = JSON.stringify([ddSession({ id: 'a-1', createdDateTime: now, lastModifiedDateTime: now })])
    const answer = await send(listen, {
      path: '/webhooks/deskdirector',
      body,
      headers: { 'x-dd-signature': ddSignature(body, SECRET) },
    })
    expect(answer.status).toBe(200)
    await new Promise((resolve) => setImmediate(resolve))
    expect(order).toEqual(['chat.added', 'answered', 'alert'])
  })
})
