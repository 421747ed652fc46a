/** A tiny typed publish/subscribe hub for protocol events: the engine emits, hosts and the alert policy listen. */
import type { EventType, ProtocolEvent } from '../../../shared/protocol'

/** Receives every event. */
export type EventListener = (event: ProtocolEvent) => void

/** Synchronous event hub. A throwing listener is isolated (reported to `onListenerError`), never breaks the others. */
export class EventBus {
  private readonly listeners = new Set<EventListener>()

  constructor(private readonly onListenerError: (error: unknown, event: ProtocolEvent) => void = () => {}) {}

  /** Subscribes to all events; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Subscribes to events of the given types only. */
  on<K extends EventType>(
    types: readonly K[],
    listener: (event: Extract<ProtocolEvent, { type: K }>) => void,
  ): () => void {
    const wanted = new Set<EventType>(types)
    return this.subscribe((event) => {
      if (wanted.has(event.type)) listener(event as Extract<ProtocolEvent, { type: K }>)
    })
  }

  /** Delivers `event` to every listener, in subscription order. */
  emit(event: ProtocolEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (error) {
        this.onListenerError(error, event)
      }
    }
  }
}
