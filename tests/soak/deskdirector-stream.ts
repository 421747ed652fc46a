/**
 * The DeskDirector side of the soak world: chats that are created, handled, missed, called back and
 * completed over time, delivered as signed webhook deliveries — some duplicated, some re-ordered (a stale
 * copy after the newer one), some with invalid items — plus bad signatures, all-invalid and oversized bodies.
 */
import type { DeliverySender } from './sender'

/** The statuses a DeskDirector chat goes through here. */
type DdStatus = 'created' | 'handled' | 'missed' | 'callback' | 'completed'

interface DdChat {
  id: string
  createdAt: number
  versions: { status: DdStatus; at: number }[]
  /** Next status changes, due at the given times. */
  plan: { status: DdStatus; at: number }[]
  /** When the delivery of the `created` version was first sent (alert latency starts here). */
  createdSentAt: number | null
}

/** The generated DeskDirector world. */
export class DeskDirectorStream {
  readonly chats = new Map<string, DdChat>()
  /** Chat keys only ever sent with a bad signature: they must never appear in the host. */
  readonly forbiddenKeys = new Set<string>()
  private next = 1

  constructor(
    private readonly sender: DeliverySender,
    private readonly random: () => number,
  ) {}

  /** When each chat's `created` version was first sent, by chat key (alert latency starts there). */
  createdSentAt(): Map<string, number> {
    const out = new Map<string, number>()
    for (const chat of this.chats.values()) if (chat.createdSentAt !== null) out.set(ddKey(chat.id), chat.createdSentAt)
    return out
  }

  /** Creates `count` chats now, each with a seeded lifecycle; `stay` = share that stays waiting to the end. */
  create(count: number, now: number, stay = 0.15): void {
    const created: DdChat[] = []
    for (let i = 0; i < count; i++) {
      const id = `${Math.floor(now / 1000)}-SOAK${this.next++}`
      const chat: DdChat = { id, createdAt: now, versions: [], plan: this.lifecycle(now, stay), createdSentAt: null }
      this.chats.set(id, chat)
      this.version(chat, 'created', now)
      created.push(chat)
    }
    // Several sessions in one delivery, as DeskDirector may send them.
    for (let i = 0; i < created.length; ) {
      const size = 1 + Math.floor(this.random() * Math.min(5, created.length - i))
      this.deliver(created.slice(i, i + size), now)
      i += size
    }
  }

  /** Advances every chat whose next status is due. */
  advance(now: number): void {
    for (const chat of this.chats.values()) {
      const due = chat.plan[0]
      if (!due || due.at > now) continue
      chat.plan.shift()
      const previous = chat.versions.at(-1)
      this.version(chat, due.status, now)
      const fresh = sessionOf(chat, chat.versions.length - 1)
      if (previous && this.random() < 0.15) {
        // Re-ordered: the newer version first, then a stale copy of the older one.
        const stale = sessionOf(chat, chat.versions.length - 2)
        this.post('normal', [fresh], [chat]).then(() =>
          this.post('reordered', [stale], [chat], chat.versions.length - 2),
        )
      } else this.deliver([chat], now)
    }
  }

  /** A delivery whose every item is invalid (expect 200, every item listed as not applied). */
  allInvalid(): void {
    const body = JSON.stringify([{ id: 'no-version', status: 'created' }, 42])
    void this.sender.send('all-invalid', body, [])
  }

  /** A well-formed delivery signed with the wrong secret (expect 401; its chat must never appear). */
  badSignature(now: number): void {
    const chat: DdChat = { id: `BADSIG-${this.next++}`, createdAt: now, versions: [], plan: [], createdSentAt: null }
    chat.versions.push({ status: 'created', at: now })
    this.forbiddenKeys.add(`deskdirector:${chat.id}`)
    void this.sender.send('bad-signature', JSON.stringify([sessionOf(chat, 0)]), [])
  }

  /** A correctly signed body over the 1 MiB limit (expect 413). */
  oversized(): void {
    const padding = 'x'.repeat(1024 * 1024 + 10_000)
    void this.sender.send('oversized', JSON.stringify([{ id: 'huge', status: 'created', padding }]), [])
  }

  /** Sessions of chats in one delivery, maybe with a bad item, maybe sent twice. */
  private deliver(chats: DdChat[], now: number): void {
    const sessions: unknown[] = chats.map((c) => sessionOf(c, c.versions.length - 1))
    let kind: 'normal' | 'partly-invalid' = 'normal'
    if (this.random() < 0.1) {
      sessions.splice(Math.floor(this.random() * sessions.length), 0, { id: `broken-${now}`, status: 'created' })
      kind = 'partly-invalid'
    }
    const sent = this.post(kind, sessions, chats)
    if (this.random() < 0.1) {
      const delay = 200 + Math.floor(this.random() * 3_000)
      void sent.then(() => setTimeout(() => void this.post('duplicate', sessions, chats), delay))
    }
  }

  private post(
    kind: 'normal' | 'partly-invalid' | 'duplicate' | 'reordered',
    sessions: unknown[],
    chats: DdChat[],
    versionIndex?: number,
  ): Promise<unknown> {
    const items = chats.map((c) => {
      const v = c.versions[versionIndex ?? c.versions.length - 1] as { at: number }
      return { key: `deskdirector:${c.id}`, version: v.at }
    })
    for (const chat of chats) {
      if (chat.createdSentAt === null && chat.versions.at(-1)?.status === 'created') chat.createdSentAt = Date.now()
    }
    return this.sender.send(kind, JSON.stringify(sessions), items)
  }

  private version(chat: DdChat, status: DdStatus, now: number): void {
    const last = chat.versions.at(-1)?.at ?? 0
    chat.versions.push({ status, at: Math.max(now, last + 1) })
  }

  /** A seeded lifecycle: stay waiting, or handled / missed / callback, then completed. */
  private lifecycle(now: number, stay: number): DdChat['plan'] {
    const r = this.random()
    const after = (from: number, min: number, max: number) => from + (min + this.random() * (max - min)) * 1000
    if (r < stay) return []
    const first = r < stay + (1 - stay) * 0.6 ? 'handled' : r < stay + (1 - stay) * 0.8 ? 'missed' : 'callback'
    const at = first === 'handled' ? after(now, 5, 40) : after(now, 20, 60)
    const plan: DdChat['plan'] = [{ status: first, at }]
    if (this.random() < 0.8) plan.push({ status: 'completed', at: after(at, 10, 60) })
    return plan
  }
}

/** One ChatSession as DeskDirector delivers it, at version `index` of the chat. */
function sessionOf(chat: DdChat, index: number): Record<string, unknown> {
  const v = chat.versions[index] as { status: DdStatus; at: number }
  const member = v.status === 'handled' || v.status === 'completed'
  return {
    id: chat.id,
    name: `Chat Request from Customer ${chat.id} at Acme`,
    type: 'request',
    status: v.status,
    creator: { entityId: 1, name: `Customer ${chat.id}`, userId: 'x~c~1', company: { name: 'Acme' } },
    users: member ? [{ entityId: 2, name: 'Tech', userId: 'x~m~2' }] : [],
    callback: v.status === 'callback' ? { type: 'phone', phone: '+1 555 0100', note: 'call me' } : undefined,
    createdDateTime: new Date(chat.createdAt).toISOString(),
    lastModifiedDateTime: new Date(v.at).toISOString(),
  }
}

/** The chat key a DeskDirector session id maps to. */
export const ddKey = (id: string) => `deskdirector:${id}`
