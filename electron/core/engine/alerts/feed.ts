/** The recent-alerts feed (`alerts.list`, snapshot): newest first, bounded, with an unseen count. */
import type { Alert } from '../../../../shared/alert'

/** Bounded list of emitted alerts. */
export class AlertFeed {
  private alerts: Alert[] = []
  private readonly unseenIds = new Set<string>()

  constructor(private readonly capacity = 200) {}

  /** Adds an emitted alert (unseen). */
  push(alert: Alert): void {
    this.alerts.unshift(alert)
    this.unseenIds.add(alert.id)
    for (const dropped of this.alerts.splice(this.capacity)) this.unseenIds.delete(dropped.id)
  }

  /** Newest first. */
  list(): Alert[] {
    return [...this.alerts]
  }

  /** Marks the given alerts (all when omitted) seen; returns the unseen count. */
  markSeen(ids?: readonly string[]): number {
    if (ids === undefined) this.unseenIds.clear()
    else for (const id of ids) this.unseenIds.delete(id)
    return this.unseenIds.size
  }

  /** Alerts not yet seen. */
  get unseen(): number {
    return this.unseenIds.size
  }
}
