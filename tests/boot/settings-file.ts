/** Prepares a userData folder whose settings put the webhook listener on a free loopback port. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { ddSession, send } from '../helpers/webhooks'

/** The DeskDirector site the boot tests configure (chat links open under it). */
export const DESKDIRECTOR_SITE = 'https://acme.deskdirector.com'

/** A free loopback port (closed again, so the app can take it). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Writes settings.json so the real runtime listens on `port` and accepts unsigned DeskDirector deliveries. */
export function writeListenerSettings(userData: string, port: number, app: Record<string, unknown> = {}): void {
  mkdirSync(userData, { recursive: true })
  const settings = {
    listener: { port, allowUnsigned: { deskdirector: true, helpcrunch: false } },
    deskdirector: { baseUrl: DESKDIRECTOR_SITE },
    // Each alert its own toast at once (no batching into summaries), so a test can act on it.
    alerts: { batchWindowMs: 0 },
    app,
  }
  writeFileSync(join(userData, 'settings.json'), JSON.stringify(settings))
}

/** Status of GET /health on the app's listener, or null when nothing listens (the runtime did not start). */
export async function listenerHealth(port: number): Promise<number | null> {
  try {
    return (await send(`http://127.0.0.1:${port}`, { method: 'GET', path: '/health' })).status
  } catch {
    return null
  }
}

/** Delivers one new DeskDirector chat to the app's listener (an alert follows). */
export async function deliverChat(port: number, id: string, name = 'Ana'): Promise<number> {
  const body = JSON.stringify(
    ddSession({ id, creator: { entityId: 1, name, userId: 'x~c~1', company: { name: 'Acme' } } }),
  )
  const answer = await send(`http://127.0.0.1:${port}`, {
    path: '/webhooks/deskdirector',
    body,
    headers: { 'content-type': 'application/json' },
  })
  return answer.status
}
