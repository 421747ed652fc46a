/**
 * The demo scenario: one 45-second cycle of realistic traffic, generated from a seed so it is the same on
 * every run, and repeated with fresh ids so the panel is lively at any moment. Each cycle has a burst of
 * new chats, chats taken quickly, one left waiting (still-waiting), one abandoned (missed), one callback
 * with phone and note, a HelpCrunch chat assigned to "me", and a snooze that ends.
 * Steps are plain data; `driver.ts` plays them against the real listener and the fake HelpCrunch server.
 */
import { seededRandom } from './fake-helpcrunch/faults'
import { DEMO_AGENTS, DEMO_CUSTOMERS, DEMO_ME, DEMO_MESSAGES } from './people'

/** One thing that happens in the demo world. `at` is epoch ms. */
export type DemoStep =
  | { at: number; kind: 'deskdirector'; session: Record<string, unknown> }
  | { at: number; kind: 'helpcrunch'; change: HelpCrunchChange }
  | { at: number; kind: 'snooze'; key: string; until: number }

/** A change to a chat in the simulated HelpCrunch account (customer writes, agent replies or takes it). */
export interface HelpCrunchChange {
  id: number
  status: string
  /** Agent id, or null. */
  assignee: number | null
  /** The message that comes with the change (every change carries one, so polling sees it at once). */
  text: string
  fromCustomer: boolean
  customer: { id: number; name: string; email: string; userId: null }
}

/** Length of one cycle. */
export const DEMO_CYCLE_MS = 45_000

type Person = { name: string; company: string; email: string; message: string; n: number }

/** The steps of cycle `cycle` (0, 1, …) starting at epoch ms `start`, sorted by time. */
export function demoCycle(cycle: number, start: number, seed = 7): DemoStep[] {
  const random = seededRandom(seed + cycle)
  const people = Array.from({ length: 7 }, (_, i): Person => {
    const [name, company, domain] = DEMO_CUSTOMERS[(cycle * 3 + i) % DEMO_CUSTOMERS.length] as readonly string[]
    const message = DEMO_MESSAGES[Math.floor(random() * DEMO_MESSAGES.length)] as string
    return {
      name: name as string,
      company: company as string,
      email: `${name?.split(' ')[0]?.toLowerCase()}@${domain}`,
      message,
      n: i,
    }
  })
  const [a, b, c, d, e, h1, h2] = people as [Person, Person, Person, Person, Person, Person, Person]
  const t = (seconds: number) => start + Math.round((seconds + random() * 0.3) * 1000)
  const dd = (p: Person) => `${Math.floor(start / 1000) + p.n}-D${String(cycle % 1000).padStart(3, '0')}${p.n}`
  // Ids carry the run's start time, so a later run (same state dir) never collides with this one.
  const hc = (p: Person) => Math.floor(start / 1000) * 1000 + (cycle % 100) * 10 + p.n
  const session = (p: Person, status: string, at: number, extra: Record<string, unknown> = {}): DemoStep => ({
    at,
    kind: 'deskdirector',
    session: deskDirectorSession(dd(p), p, status, start, at, extra),
  })
  const chat = (p: Person, status: string, at: number, assignee: number | null = null): DemoStep => ({
    at,
    kind: 'helpcrunch',
    change: {
      id: hc(p),
      status,
      assignee,
      text:
        status === 'new'
          ? p.message
          : status === 'closed'
            ? 'Glad that helped. Have a good day!'
            : "Thanks — I'm on it.",
      fromCustomer: status === 'new',
      customer: { id: 70_000 + p.n, name: p.name, email: p.email, userId: null },
    },
  })
  const other = DEMO_AGENTS[cycle % DEMO_AGENTS.length] as (typeof DEMO_AGENTS)[number]
  const member = { entityId: other.id, name: other.name, userId: `demo~m~${other.id}` }
  const steps: DemoStep[] = [
    session(a, 'created', t(0)),
    session(b, 'created', t(0.4)),
    chat(h1, 'new', t(0.8)),
    chat(h2, 'new', t(1.2)),
    session(b, 'handled', t(3), { users: [member] }),
    chat(h2, 'opened', t(4), other.id),
    session(c, 'created', t(5)),
    session(c, 'missed', t(7)),
    session(d, 'callback', t(8), {
      callback: {
        type: 'phone',
        phone: `+1 555 01${String(10 + Math.floor(random() * 89))}`,
        note: 'Please call after 2 pm, about the invoice.',
        preferredTime: [{ start: iso(start + 3_600_000), end: iso(start + 7_200_000) }],
      },
    }),
    chat(h1, 'opened', t(5.5), DEMO_ME.id),
    session(e, 'created', t(13)),
    { at: t(14), kind: 'snooze', key: `deskdirector:${dd(e)}`, until: start + 26_000 },
    session(a, 'handled', t(30), { users: [member] }),
    session(c, 'completed', t(32)),
    session(d, 'completed', t(34)),
    chat(h2, 'closed', t(36), other.id),
    session(b, 'completed', t(38), { users: [member] }),
    session(e, 'handled', t(40), { users: [member] }),
    chat(h1, 'closed', t(42), DEMO_ME.id),
    session(a, 'completed', t(44), { users: [member] }),
  ]
  return steps.sort((x, y) => x.at - y.at)
}

function deskDirectorSession(id: string, p: Person, status: string, created: number, at: number, extra: object) {
  const creator = {
    entityId: 20_000 + p.n,
    name: p.name,
    userId: `demo~c~${20_000 + p.n}`,
    company: { entityId: 3000 + p.n, name: p.company, identifier: p.company.replace(/\W/g, '') },
  }
  return {
    id,
    name: `Chat Request from ${p.name} at ${p.company}`,
    type: 'request',
    status,
    pastStatus: [],
    report: {},
    creator,
    targetUsers: [],
    users: [],
    participants: [creator],
    createdDateTime: iso(created + p.n * 400),
    lastModifiedDateTime: iso(at),
    ...extra,
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '0000Z')
}
