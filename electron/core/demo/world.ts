/**
 * The simulated help desks of demo mode: a fake HelpCrunch account served on 127.0.0.1 (reached by the
 * real client and poller) and a generated DeskDirector webhook secret (deliveries are signed with it and
 * POSTed to the real listener). Nothing is mocked past the network edge.
 */
import { randomBytes } from 'node:crypto'
import type { Settings } from '../../../shared/settings'
import { createFakeHelpCrunch, type FakeHelpCrunch } from './fake-helpcrunch/server'
import { DEMO_AGENTS, DEMO_ME } from './people'

/** A running demo world. */
export interface DemoWorld {
  /** Base URL of the fake HelpCrunch API (`http://127.0.0.1:PORT/v1`). */
  apiUrl: string
  apiKey: string
  deskdirectorSecret: string
  fake: FakeHelpCrunch
  close(): Promise<void>
}

/** Starts the fake HelpCrunch account with the demo agents, on a free loopback port. */
export async function startDemoWorld(): Promise<DemoWorld> {
  const apiKey = `demo-${randomBytes(12).toString('hex')}`
  const fake = createFakeHelpCrunch({ apiKey })
  fake.db.organization.domain = 'demo'
  fake.db.agents.clear()
  for (const agent of [DEMO_ME, ...DEMO_AGENTS]) fake.db.agents.set(agent.id, { ...agent, role: 'agent' })
  const apiUrl = await fake.listen(0, '127.0.0.1')
  return { apiUrl, apiKey, deskdirectorSecret: randomBytes(24).toString('hex'), fake, close: () => fake.close() }
}

/** Site address of the demo's DeskDirector, so its chats open like the demo HelpCrunch ones do. */
export const DEMO_DESKDIRECTOR_SITE = 'https://demo.deskdirector.com'

/** Settings for a demo run: the fake account, "me" = the demo agent, and time compressed so every alert shows within 30 s. */
export function demoSettings(base: Settings, world: Pick<DemoWorld, 'apiUrl'>): Settings {
  return {
    ...base,
    helpcrunch: {
      ...base.helpcrunch,
      apiUrl: world.apiUrl,
      agentId: String(DEMO_ME.id),
      pollSeconds: 5,
      domain: 'demo',
    },
    deskdirector: { ...base.deskdirector, baseUrl: DEMO_DESKDIRECTOR_SITE },
    alerts: { ...base.alerts, stillWaitingAfterSeconds: 20, repeatEverySeconds: 15 },
    app: { ...base.app, demo: true },
  }
}
