/**
 * Plays the demo scenario in real time: DeskDirector steps are signed and POSTed to the real listener,
 * HelpCrunch steps change the fake account (the real poller picks them up), snooze steps are the demo
 * agent's own commands. One timer at a time; cycles are generated as they come, so it loops forever.
 */

import type { Dispatcher } from '../engine/dispatcher'
import type { Logger } from '../engine/log'
import { deskDirectorSignature } from '../sources/deskdirector/signature'
import type { FakeDatabase } from './fake-helpcrunch/database'
import { DEMO_CYCLE_MS, type DemoStep, demoCycle, type HelpCrunchChange } from './scenario'

/** What the driver plays against. */
export interface DemoTargets {
  /** The listener's base URL (`http://127.0.0.1:PORT`). */
  listen: string
  deskdirectorSecret: string
  db: FakeDatabase
  dispatcher: Dispatcher
  log: Logger
}

/** Starts playing at once; `stop()` ends it (in-flight deliveries finish on their own). */
export function playDemo(targets: DemoTargets, options: { seed?: number; now?: () => number } = {}): { stop(): void } {
  const now = options.now ?? Date.now
  const start = now()
  let cycle = 0
  let queue: DemoStep[] = demoCycle(cycle, start, options.seed)
  let timer: NodeJS.Timeout | null = null
  let stopped = false

  const next = () => {
    if (stopped) return
    if (queue.length === 0) {
      cycle += 1
      queue = demoCycle(cycle, start + cycle * DEMO_CYCLE_MS, options.seed)
    }
    const step = queue[0] as DemoStep
    timer = setTimeout(
      () => {
        queue.shift()
        void perform(step, targets).catch((error) =>
          targets.log.warn('demo step failed', { kind: step.kind, error: String(error) }),
        )
        next()
      },
      Math.max(0, step.at - now()),
    )
    timer.unref?.()
  }
  next()
  return {
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
    },
  }
}

async function perform(step: DemoStep, targets: DemoTargets): Promise<void> {
  switch (step.kind) {
    case 'deskdirector': {
      const body = JSON.stringify([step.session])
      const response = await fetch(`${targets.listen}/webhooks/deskdirector`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-dd-signature': deskDirectorSignature(body, targets.deskdirectorSecret),
        },
        body,
      })
      if (!response.ok) throw new Error(`listener answered ${response.status}`)
      return
    }
    case 'helpcrunch':
      applyHelpCrunchChange(targets.db, step.change)
      return
    case 'snooze': {
      const outcome = await targets.dispatcher.runUntrusted('chat.snooze', { key: step.key, until: step.until })
      if (!outcome.ok) targets.log.debug('demo snooze skipped', { reason: outcome.error.message })
    }
  }
}

/** Applies one scenario change to the fake account, with a message so the poller sees it in its next cycle. */
export function applyHelpCrunchChange(db: FakeDatabase, change: HelpCrunchChange): void {
  const now = db.nowSeconds()
  const fields = {
    status: change.status,
    assignee: change.assignee,
    lastMessageText: change.text,
    lastMessageAt: now,
    readByAgent: !change.fromCustomer,
    closedAt: change.status === 'closed' ? now : null,
    closedBy: change.status === 'closed' ? ('agent' as const) : null,
    ...(change.fromCustomer ? { lastCustomerMessageAt: now } : {}),
  }
  if (db.chats.has(change.id)) db.update(change.id, fields)
  else db.addChat({ id: change.id, customer: change.customer, createdAt: now, ...fields })
}
