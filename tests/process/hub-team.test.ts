/**
 * The team layer across real processes (docs/team.md): the hub, headless desktops following it and the fake
 * HelpCrunch. Two claims racing, reminders ending on the other desktops, presence going stale when a desktop is
 * frozen (SIGSTOP) and fresh again (SIGCONT), the away summary after a simulated suspend, and the escalation
 * ladder alerting tier 1, then tier 2, then the lead, each desktop once.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFakeHelpCrunch } from '../../electron/core/demo/fake-helpcrunch/server'
import type { AgentPresence, AwaySummary, ProtocolEvent } from '../../shared/protocol'
import type { HeadlessProcess } from '../helpers/headless'
import {
  AGENTS,
  alertsFor,
  ddChat,
  deliverDd,
  HC_KEY,
  processesPerTest,
  readyUrl,
  startClient,
  startHub,
  waitForChat,
  writeTokens,
} from '../helpers/hub'

const { track, dir: testDir, onCleanup } = processesPerTest()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Resolves once `host` was told a team presence in which `name` matches `also`. */
function waitForPresence(host: HeadlessProcess, name: string, also: (agent: AgentPresence) => boolean) {
  return host.waitFor((e: ProtocolEvent) => {
    if (e.type !== 'team.presence') return false
    const agent = e.agents.find((a) => a.name === name)
    return agent !== undefined && also(agent)
  }, 30_000)
}

async function team(env: Record<string, string> = {}, entries: readonly unknown[] = AGENTS) {
  const fake = createFakeHelpCrunch({ apiKey: HC_KEY })
  onCleanup(() => fake.close())
  const url = await fake.listen()
  const dir = testDir('team')
  const tokens = writeTokens(join(dir, 'tokens.json'), entries)
  const hub = track(startHub({ tokens, stateDir: join(dir, 'hub'), helpcrunchUrl: url, env }))
  const hubUrl = await readyUrl(hub)
  const clients = (entries as { token: string }[]).map((a, i) =>
    track(startClient(hubUrl, a.token, join(dir, `c${i}`))),
  )
  for (const client of clients)
    await client.waitFor((e) => e.type === 'source.status' && e.status.source === 'hub' && e.status.state === 'ok')
  return { fake, hub, hubUrl, clients }
}

describe('the team layer with a hub and three desktops', () => {
  it('lets one of two racing claims win, assigns at HelpCrunch once, and ends the reminders on every desktop', async () => {
    const { fake, clients } = await team()
    const quick = { alerts: { stillWaitingAfterSeconds: 10, repeatEverySeconds: 10, batchWindowMs: 0 } }
    for (const client of clients)
      expect(await client.command('settings.update', { patch: quick })).toMatchObject({ ok: true })
    await sleep(1000) // past the start-up summary
    const chat = fake.db.addChat({ status: 'new' })
    const key = `helpcrunch:${chat.id}`
    const seen = await Promise.all(clients.map((client) => waitForChat(client, key)))
    const version = (seen[0] as Extract<ProtocolEvent, { type: 'chat.added' }>).chat.updatedAt
    // Every desktop rings: its first still-waiting reminder.
    for (const client of clients)
      await expect.poll(() => alertsFor(client, 'still-waiting', key), { timeout: 20_000 }).toBe(1)

    const assigns = () => fake.log.filter((e) => e.method === 'PUT' && e.path === '/chats/assignee').length
    const [mia, leo] = await Promise.all([
      clients[0]?.command('chat.claim', { key, version }),
      clients[1]?.command('chat.claim', { key, version }),
    ])
    const outcomes = [mia, leo] as { ok: boolean; error?: { code: string; message: string } }[]
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1)
    const lost = outcomes.find((o) => !o.ok)
    expect(lost?.error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^(Mia Novak|Leo Brandt) took it \d+ s ago$/),
    })
    expect(assigns()).toBe(1)
    const winner = outcomes[0]?.ok ? 'Mia Novak' : 'Leo Brandt'
    for (const client of clients)
      await waitForChat(client, key, (c) => (c.claim as { agent: string } | null)?.agent === winner)

    // Two more reminder periods: no desktop rings again for the claimed chat.
    const before = clients.map((client) => alertsFor(client, 'still-waiting', key))
    await sleep(22_000)
    expect(clients.map((client) => alertsFor(client, 'still-waiting', key))).toEqual(before)
  }, 90_000)

  it('shows a frozen desktop stale (SIGSTOP) and fresh again (SIGCONT), and tells a resumed desktop what it missed', async () => {
    const { hubUrl, clients } = await team({ CHAT_TRAY_HUB_PRESENCE_STALE_MS: '2000' })
    const [mia, leo] = clients as [HeadlessProcess, HeadlessProcess]
    await waitForPresence(mia, 'Leo Brandt', (a) => a.online && !a.stale)
    leo.child.kill('SIGSTOP')
    onCleanup(() => leo.child.kill('SIGCONT'))
    await waitForPresence(mia, 'Leo Brandt', (a) => a.stale && !a.online && !a.reachable)
    leo.child.kill('SIGCONT')
    await waitForPresence(mia, 'Leo Brandt', (a) => a.online && !a.stale)

    // Mia's machine sleeps; a chat arrives and Leo takes it; Mia wakes to one summary.
    expect(await mia.command('activity.set', { activity: 'suspended' })).toMatchObject({ ok: true })
    await waitForPresence(leo, 'Mia Novak', (a) => a.activity === 'suspended' && !a.reachable)
    await sleep(50)
    expect((await deliverDd(hubUrl, [ddChat('DD-AWAY')])).status).toBe(200)
    await waitForChat(leo, 'deskdirector:DD-AWAY')
    expect(await leo.command('chat.claim', { key: 'deskdirector:DD-AWAY', version: 0 })).toMatchObject({ ok: true })
    await waitForChat(mia, 'deskdirector:DD-AWAY', (c) => c.claim !== null && c.claim !== undefined)
    expect(await mia.command('activity.set', { activity: 'active' })).toMatchObject({ ok: true })
    const away = await mia.waitFor((e) => e.type === 'team.away', 10_000)
    expect((away as { summary: AwaySummary }).summary).toMatchObject({
      reason: 'resume',
      text: '1 arrived · 1 taken by Leo Brandt',
    })
  }, 60_000)

  it('climbs the escalation ladder: tier 1 first, tier 2 at 80 % of the target, the lead at the target', async () => {
    const tiers = ['1', '2', 'lead']
    const { hub, hubUrl, clients } = await team(
      {},
      AGENTS.map((agent, i) => ({ ...agent, tier: tiers[i] })),
    )
    const [mia, leo, ana] = clients as [HeadlessProcess, HeadlessProcess, HeadlessProcess]
    const target = { alerts: { firstResponseSeconds: { deskdirector: 10 } } }
    expect(await hub.command('settings.update', { patch: target })).toMatchObject({ ok: true })
    for (const name of ['Mia Novak', 'Leo Brandt', 'Ana Ruiz']) await waitForPresence(mia, name, (a) => a.reachable)
    await sleep(1000) // past the start-up summary
    const key = 'deskdirector:DD-LADDER'
    expect((await deliverDd(hubUrl, [ddChat('DD-LADDER')])).status).toBe(200)
    const tierOf = (client: HeadlessProcess, tier: string) =>
      waitForChat(client, key, (c) => (c.escalation as { tier: string } | null)?.tier === tier)
    await tierOf(mia, '1')
    await expect.poll(() => alertsFor(mia, 'new', key), { timeout: 10_000 }).toBe(1)
    // Tier 1 only: Leo and Ana see the chat but are not alerted yet.
    expect([alertsFor(leo, 'new', key), alertsFor(ana, 'new', key)]).toEqual([0, 0])
    await tierOf(leo, '2')
    await expect.poll(() => alertsFor(leo, 'new', key), { timeout: 10_000 }).toBe(1)
    expect(alertsFor(ana, 'new', key)).toBe(0)
    await tierOf(ana, 'lead')
    await expect.poll(() => alertsFor(ana, 'new', key), { timeout: 10_000 }).toBe(1)
    // Each desktop alerted exactly once however many ladder steps it saw.
    expect(clients.map((client) => alertsFor(client, 'new', key))).toEqual([1, 1, 1])
  }, 60_000)
})
