/**
 * Quick actions run once among hubs: the same chat action with the same parameters, arriving through two hubs
 * at once (two desktops snoozing the same chat, a desktop retrying through the other hub), reaches the help desk
 * once. The first hub claims `chat-tray:action:<digest>` (`SET NX PX`), runs the action and leaves its outcome
 * there for a few seconds; the other waits for that outcome and answers it. Redis down: each hub runs its own.
 */
import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { HubAgent } from '../../../shared/protocol/hub'
import type { DispatchOutcome } from '../../core/engine/dispatcher'
import { KEY_PREFIX } from './redis-client'

/** Commands that act on a chat at its help desk (the others are read-only or local). */
const ACTIONS = new Set(['chat.snooze', 'chat.unsnooze', 'chat.assign', 'chat.status', 'chat.read'])
/** How long a claim waits for its action (ms): past it another hub may run it. */
const CLAIM_MS = 20_000
/** How long an outcome stays for a twin arriving late (ms). */
const OUTCOME_MS = 5_000

/** Runs `run` once among hubs for the same action; other commands run as they are. */
export type RunOnce = (
  command: string,
  params: Record<string, unknown>,
  agent: HubAgent,
  run: () => Promise<DispatchOutcome>,
) => Promise<DispatchOutcome>

/** Creates the once-only runner on `client`. */
export function createActionsOnce(client: Redis, hubId: string): RunOnce {
  return async (command, params, agent, run) => {
    if (!ACTIONS.has(command)) return run()
    // "Assign to me" differs per agent: the agent is part of the action.
    const who = command === 'chat.assign' ? agent.name : null
    const digest = createHash('sha256')
      .update(JSON.stringify([command, params, who]))
      .digest('hex')
    const key = `${KEY_PREFIX}action:${digest}`
    let claimed: boolean
    try {
      claimed = (await client.set(key, `running:${hubId}`, 'PX', CLAIM_MS, 'NX')) === 'OK'
    } catch {
      return run()
    }
    if (claimed) {
      const outcome = await run()
      await client.set(key, JSON.stringify(outcome), 'PX', OUTCOME_MS).catch(() => {})
      return outcome
    }
    for (let waited = 0; waited < CLAIM_MS; waited += 50) {
      const value = await client.get(key).catch(() => null)
      if (value === null) return run()
      if (!value.startsWith('running:')) return JSON.parse(value) as DispatchOutcome
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return run()
  }
}
