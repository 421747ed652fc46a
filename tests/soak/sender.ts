/**
 * Posts signed DeskDirector deliveries like a webhook sender: a delivery that got no answer, a 5xx, 408 or
 * 429 is retried (the host may be down between a SIGKILL and its restart); any other answer is final.
 */
import { createHmac } from 'node:crypto'
import { request } from 'node:http'

/** What a delivery is meant to exercise, and so which answer it must get. */
export type DeliveryKind =
  | 'normal'
  | 'duplicate'
  | 'reordered'
  | 'partly-invalid'
  | 'all-invalid'
  | 'bad-signature'
  | 'oversized'

/** The answer each kind must end with. */
export const EXPECTED_STATUS: Readonly<Record<DeliveryKind, number>> = {
  normal: 200,
  duplicate: 200,
  reordered: 200,
  'partly-invalid': 200,
  'all-invalid': 200,
  'bad-signature': 401,
  oversized: 413,
}

/** One delivery and how it ended. `items` are its valid sessions (chat key + version). */
export interface DeliveryRecord {
  seq: number
  kind: DeliveryKind
  items: { key: string; version: number }[]
  firstSentAt: number
  attempts: number
  /** Final HTTP status; null = never answered within the retry budget. */
  status: number | null
  answeredAt: number | null
}

const RETRY_BUDGET_MS = 90_000

/** Sends deliveries to a listener URL that stays the same across restarts. */
export class DeliverySender {
  readonly records: DeliveryRecord[] = []
  private inFlight = new Set<Promise<void>>()
  private seq = 0

  constructor(
    private readonly url: string,
    private readonly secret: string,
  ) {}

  /** Sends one delivery (in the background); resolves once it got its final answer. */
  send(kind: DeliveryKind, body: string, items: DeliveryRecord['items']): Promise<DeliveryRecord> {
    const secret = kind === 'bad-signature' ? `${this.secret}-wrong` : this.secret
    const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
    const record: DeliveryRecord = {
      seq: ++this.seq,
      kind,
      items,
      firstSentAt: Date.now(),
      attempts: 0,
      status: null,
      answeredAt: null,
    }
    this.records.push(record)
    const done = this.deliver(record, body, signature)
    const tracked = done.then(() => {})
    this.inFlight.add(tracked)
    tracked.finally(() => this.inFlight.delete(tracked))
    return done
  }

  /** Resolves once every delivery sent so far has its final answer. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight])
  }

  private async deliver(record: DeliveryRecord, body: string, signature: string): Promise<DeliveryRecord> {
    for (;;) {
      record.attempts++
      const status = await post(`${this.url}/webhooks/deskdirector`, body, signature).catch(() => null)
      const retry = status === null || status >= 500 || status === 408 || status === 429
      if (!retry) {
        record.status = status
        record.answeredAt = Date.now()
        return record
      }
      if (Date.now() - record.firstSentAt > RETRY_BUDGET_MS) return record
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * record.attempts)))
    }
  }
}

/** One POST on a fresh connection; resolves with the status (the body is read and dropped). */
function post(url: string, body: string, signature: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'x-dd-signature': signature,
        },
        timeout: 15_000,
      },
      (res) => {
        res.resume()
        res.on('error', reject)
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end(body)
  })
}
