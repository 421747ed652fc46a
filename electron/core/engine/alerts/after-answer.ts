/**
 * Runs an event listener after the current turn instead of inside `emit`: a webhook delivery's store change is
 * applied (and kept on disk) before it is answered, while deciding alerts, recording them and batching them
 * happen right after the answer is written. Events keep their order; nothing is dropped or merged.
 */
import type { ProtocolEvent } from '../../../../shared/protocol'

/** Wraps `listener` so events queue up and are handed over, in order, on the next `setImmediate`. */
export function afterAnswer(
  listener: (event: ProtocolEvent) => void,
  onError: (error: unknown, event: ProtocolEvent) => void,
): { listener: (event: ProtocolEvent) => void; flush: () => void } {
  let queue: ProtocolEvent[] = []
  let scheduled = false
  const flush = () => {
    scheduled = false
    const events = queue
    queue = []
    for (const event of events) {
      try {
        listener(event)
      } catch (error) {
        onError(error, event)
      }
    }
  }
  return {
    listener(event) {
      queue.push(event)
      if (scheduled) return
      scheduled = true
      setImmediate(flush)
    },
    flush,
  }
}
