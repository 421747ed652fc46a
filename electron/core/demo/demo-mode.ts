/**
 * Demo mode for a host: prepares settings and secrets for the simulated help desks, and once the runtime
 * is started (and its start-up window is over, so the first burst alerts one by one) plays the scenario.
 */
import type { Settings } from '../../../shared/settings'
import type { SecretsPort } from '../engine/ports'
import type { Runtime } from '../runtime/runtime'
import { playDemo } from './driver'
import { type DemoWorld, demoSettings, startDemoWorld } from './world'

/** A prepared demo: apply `settings` and `applySecrets` to the runtime, then `play` after `runtime.start()`. */
export interface DemoSession {
  world: DemoWorld
  settings: Settings
  applySecrets(secrets: SecretsPort): void
  /** Starts the scenario once alerting is live; returns immediately. */
  play(runtime: Runtime, listen: string): void
  stop(): Promise<void>
}

/** Starts the simulated help desks and derives the demo configuration from `base`. */
export async function prepareDemo(base: Settings): Promise<DemoSession> {
  const world = await startDemoWorld()
  let player: { stop(): void } | null = null
  let stopped = false
  return {
    world,
    settings: demoSettings(base, world),
    applySecrets(secrets) {
      // Demo credentials replace, never join, real ones: demo data is never mixed with real sources.
      secrets.set('helpcrunch.apiKey', world.apiKey)
      secrets.set('helpcrunch.signingKey', null)
      secrets.set('deskdirector.secrets', world.deskdirectorSecret)
    },
    play(runtime, listen) {
      void runtime.alerts.afterStartup().then(() => {
        if (stopped) return
        const { dispatcher, log } = runtime.engine
        player = playDemo({ listen, deskdirectorSecret: world.deskdirectorSecret, db: world.fake.db, dispatcher, log })
      })
    },
    async stop() {
      stopped = true
      player?.stop()
      await world.close()
    },
  }
}
