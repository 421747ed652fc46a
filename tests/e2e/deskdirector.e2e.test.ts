import { createHmac } from 'node:crypto'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../electron/core/runtime/runtime'
import { deskDirectorSeed } from '../helpers/seeds'
import { e2eAvailable, launchChromium, openPanel, serveRenderer, startRuntime } from './harness'

const SECRET = 'dd-e2e-secret-0001'
describe.skipIf(!e2eAvailable())('a signed DeskDirector delivery reaches the panel', () => {
  let server: Awaited<ReturnType<typeof serveRenderer>>
  let context: BrowserContext
  let runtime: Runtime
  let listen: string

  beforeAll(async () => {
    server = await serveRenderer()
    context = (await launchChromium()).context
    ;({ runtime, listen } = await startRuntime(() => {}, { 'deskdirector.secrets': SECRET }))
  })
  afterAll(async () => {
    await context?.close()
    await server?.close()
    await runtime?.stop()
  })

  it('makes a row appear (real listener, signature check, transform and store)', async () => {
    const { page } = await openPanel(context, server.url, runtime)
    await page.getByRole('heading', { name: 'All quiet' }).waitFor()
    const session = {
      ...deskDirectorSeed()[0],
      id: 'e2e-1',
      status: 'created',
      closeRecord: null,
      closedDateTime: null,
      users: [],
      createdDateTime: new Date(Date.now() - 60_000).toISOString(),
      lastModifiedDateTime: new Date().toISOString(),
    }
    const body = JSON.stringify([session])
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`
    const response = await fetch(new URL('/webhooks/deskdirector', listen), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dd-signature': signature },
      body,
    })
    expect(response.status).toBeLessThan(300)
    const row = page.getByRole('list', { name: 'Waiting' }).locator('li[data-key="deskdirector:e2e-1"]')
    await row.waitFor()
    expect(await row.textContent()).toContain('Liam Tait')

    const forged = await fetch(new URL('/webhooks/deskdirector', listen), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dd-signature': 'sha256=00' },
      body: body.replace('e2e-1', 'e2e-2'),
    })
    expect(forged.status).toBe(401)
    expect(await page.locator('li[data-key="deskdirector:e2e-2"]').count()).toBe(0)
    await page.close()
  })
})
