/**
 * The HelpCrunch side of the soak world: the fake HelpCrunch API served over HTTP in this process, with
 * about 20% of calls faulted (5xx, 429, timeouts, malformed JSON, slow answers), and customers and agents
 * changing chats in its database over time.
 */
import { createFakeHelpCrunch, type FakeHelpCrunch } from '../../electron/core/demo/fake-helpcrunch/server'

/** The key the fake accepts and the host is given. */
export const SOAK_HC_KEY = 'hc_soak_key_0123456789abcdef'
/** "Me" in the fake organisation (the host's --agent-id). */
export const ME = 4188
const COLLEAGUE = 4200

interface Plan {
  open: number | null
  assignee: number
  close: number | null
}

/** The fake server plus the chats' seeded lifecycles. */
export class HelpCrunchWorld {
  private readonly plans = new Map<number, Plan>()

  private constructor(
    readonly fake: FakeHelpCrunch,
    readonly url: string,
    private readonly random: () => number,
  ) {}

  /** Starts the fake on a free port with the fault injector armed. */
  static async start(seed: number, faultRate: number, random: () => number): Promise<HelpCrunchWorld> {
    const fake = createFakeHelpCrunch({ apiKey: SOAK_HC_KEY, seed })
    Object.assign(fake.faults.config, {
      rate: faultRate,
      kinds: ['server-error', 'rate-limit', 'timeout', 'malformed', 'slow'],
      slowMs: 1_500,
      retryAfterSeconds: null,
    })
    const url = await fake.listen(0)
    return new HelpCrunchWorld(fake, url, random)
  }

  /** Customers write in: `count` new waiting chats with seeded lifecycles (`stay` = share never answered). */
  create(count: number, now: number, stay = 0.2): void {
    for (let i = 0; i < count; i++) {
      const chat = this.fake.db.addChat()
      const r = this.random()
      const at = (min: number, max: number, from = now) => from + (min + this.random() * (max - min)) * 1000
      const open = r < stay ? null : at(10, 60)
      this.plans.set(chat.id, {
        open,
        assignee: this.random() < 0.4 ? ME : COLLEAGUE,
        close: open !== null && this.random() < 0.8 ? at(20, 90, open) : null,
      })
    }
  }

  /** Agents open (assigning, answering) and close chats whose time has come. */
  advance(now: number): void {
    for (const [id, plan] of this.plans) {
      if (plan.open !== null && plan.open <= now) {
        // The agent takes the chat and answers (a message, so the incremental poll sees it).
        this.fake.db.update(id, {
          status: 'opened',
          assignee: plan.assignee,
          readByAgent: true,
          lastMessageAt: this.fake.db.nowSeconds(),
          lastMessageText: 'Hi, how can I help?',
        })
        plan.open = null
      } else if (plan.open === null && plan.close !== null && plan.close <= now) {
        this.fake.db.close(id)
        plan.close = null
      }
    }
  }

  /** Stops injecting faults (the settle phase). */
  calm(): void {
    this.fake.faults.config.rate = 0
  }

  /** What the host should show for a chat now: its unified state, or null when it may be gone. */
  expectedStates(): Map<string, 'waiting' | 'active' | 'closed'> {
    const out = new Map<string, 'waiting' | 'active' | 'closed'>()
    for (const chat of this.fake.db.chats.values()) {
      const state = chat.status === 'new' ? 'waiting' : chat.status === 'opened' ? 'active' : 'closed'
      out.set(`helpcrunch:${chat.id}`, state)
    }
    return out
  }
}
