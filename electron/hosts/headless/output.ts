/**
 * stdout of the headless host, bounded: a reader that stops reading must not grow the host without end. Events
 * are written while less than `limitBytes` wait in the stream's buffer; past that they are dropped and counted,
 * stderr says so once, and when the reader has caught up it gets one `events.dropped` line with the count (so it
 * knows to resync with `snapshot.get`). Command results are never dropped: the command queue stops reading stdin
 * while the output is full (`whenWritable`), so at most one result waits per command in flight.
 */
import type { Writable } from 'node:stream'
import type { ProtocolEvent } from '../../../shared/protocol'
import { encodeEvent } from './ndjson'

/** Bytes of events that may wait in stdout's buffer before events are dropped (16 MiB). */
export const OUTPUT_LIMIT_BYTES = 16 * 1024 * 1024

/** NDJSON written to a stream with a bound on what waits unread. */
export class NdjsonOutput {
  /** Events dropped since the host started. */
  dropped = 0
  private droppedSinceDrain = 0
  private closed = false
  private waiters: (() => void)[] = []

  constructor(
    private readonly stream: Writable,
    private readonly warn: (line: string) => void,
    private readonly limitBytes = OUTPUT_LIMIT_BYTES,
  ) {
    stream.on('drain', this.onDrain)
    // A reader that went away (EPIPE): nothing more can be written; the host keeps serving its other edges.
    stream.on('error', (error) => {
      if (this.closed) return
      this.closed = true
      this.warn(`chat-tray: stdout failed (${(error as Error).message}); events are no longer written\n`)
      this.release()
    })
  }

  /** Writes an event, or drops and counts it while the reader is behind. */
  event(event: ProtocolEvent): void {
    if (this.closed) {
      this.dropped++
      return
    }
    if (!this.full()) {
      this.stream.write(encodeEvent(event))
      return
    }
    if (this.droppedSinceDrain === 0) {
      this.warn(
        `chat-tray: stdout is not being read (${this.stream.writableLength} bytes waiting): dropping events ` +
          'until the reader catches up; it then gets one "events.dropped" line (resync with snapshot.get)\n',
      )
    }
    this.dropped++
    this.droppedSinceDrain++
  }

  /** Writes a command result (never dropped; callers wait for `whenWritable` before running the next command). */
  result(event: ProtocolEvent): void {
    if (this.closed) return
    this.stream.write(encodeEvent(event))
  }

  /** Resolves once the reader has room again (at once when it has now). */
  whenWritable(): Promise<void> {
    if (!this.full() || this.closed) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  /** Bytes written and not yet taken by the reader. */
  get waitingBytes(): number {
    return this.stream.writableLength
  }

  private full(): boolean {
    return this.stream.writableLength >= this.limitBytes
  }

  private readonly onDrain = (): void => {
    if (this.droppedSinceDrain > 0) {
      const count = this.droppedSinceDrain
      this.droppedSinceDrain = 0
      this.stream.write(encodeEvent({ type: 'events.dropped', count }))
      this.warn(`chat-tray: stdout is read again; ${count} event(s) were dropped while it was not\n`)
    }
    this.release()
  }

  private release(): void {
    for (const resolve of this.waiters.splice(0)) resolve()
  }
}
