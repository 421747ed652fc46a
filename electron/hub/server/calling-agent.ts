/**
 * Which agent a hub command runs for. `POST /v1/commands` runs each command inside `asAgent`, and the hub's
 * settings port answers `helpcrunch.agentId` with that agent's id, so "assign to me" assigns to the caller.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { HubAgent } from '../../../shared/protocol/hub'
import type { SettingsPort } from '../../core/engine/ports'

const current = new AsyncLocalStorage<HubAgent>()

/** Runs `work` (and everything it awaits) on behalf of `agent`. */
export function asAgent<T>(agent: HubAgent, work: () => Promise<T>): Promise<T> {
  return current.run(agent, work)
}

/** Settings whose `helpcrunch.agentId` is the calling agent's while a hub command runs. */
export function agentScopedSettings(port: SettingsPort): SettingsPort {
  return {
    get() {
      const settings = port.get()
      const agent = current.getStore()
      if (!agent) return settings
      return { ...settings, helpcrunch: { ...settings.helpcrunch, agentId: agent.helpcrunchAgentId } }
    },
    update: (patch) => port.update(patch),
  }
}
