/**
 * Problems the panel cannot show (its page failed to load, the help desks could not start): logged, and told
 * to the user in a toast, since the tray icon alone says nothing. The same problem is toasted once in a row.
 */
import type { Logger } from '../../core/engine/log'

/** The part of the notifier used for plain notices. */
export interface NoticeSink {
  notice(title: string, body: string): void
}

/** Longest error text put in a toast (the log has the rest). */
const MAX_DETAIL = 160

/** Creates the reporter; notices wait until `attach` hands it the notifier. */
export function createProblemReporter(log: Logger): {
  report(title: string, error: unknown): void
  attach(sink: NoticeSink): void
} {
  let sink: NoticeSink | null = null
  let last = ''
  const waiting: [string, string][] = []
  return {
    report(title, error) {
      const detail = error instanceof Error ? error.message : String(error)
      log.error(title, { error: detail })
      const key = `${title}\n${detail}`
      if (key === last) return
      last = key
      const body = `${detail.slice(0, MAX_DETAIL)} — alerts keep working; details are in the log folder.`
      if (sink) sink.notice(title, body)
      else waiting.push([title, body])
    },
    attach(next) {
      sink = next
      for (const [title, body] of waiting.splice(0)) next.notice(title, body)
    },
  }
}
