/**
 * The client as the poller uses it: once the poller stops (a hub that lost its lease, an app quitting), no further
 * request of the cycle in flight leaves. Without it a long cycle — the open chats loading page by page, paced by the
 * budget — kept polling for seconds after the lease was gone, spending the organisation's shared budget.
 */
import type { HelpCrunchClient } from './client'

/** Thrown instead of sending a request after the poller stopped; the cycle ends quietly on it. */
export class PollerStoppedError extends Error {
  constructor() {
    super('the poller stopped')
  }
}

/** `client`, whose every call fails with `PollerStoppedError` once `running()` is false. */
export function stoppableClient(client: HelpCrunchClient, running: () => boolean): HelpCrunchClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => (running() ? value.apply(target, args) : Promise.reject(new PollerStoppedError()))
    },
  })
}
