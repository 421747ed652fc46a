import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../core/engine/log'
import { bearerToken, membersOf, parseTokensFile, TokensFileError, watchTokensFile } from './tokens'

const MIA = { token: 'mia-token-0123456789', agent: 'Mia Novak', me: { helpcrunch: '4188', deskdirector: 'acme~m~7' } }
let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

describe('hub tokens file', () => {
  it('refuses unusable files with a message that names the field, never the token', () => {
    const short = 'short-secret'
    const cases = ['{', '{"token":1}', JSON.stringify([{ token: short, agent: 'A' }]), JSON.stringify([MIA, MIA])]
    for (const text of cases) {
      expect(() => parseTokensFile(text)).toThrow(TokensFileError)
      try {
        parseTokensFile(text)
      } catch (error) {
        expect((error as Error).message).not.toContain(short)
        expect((error as Error).message).not.toContain(MIA.token)
      }
    }
  })

  it('reads "me" per source, numbers as their decimal text; other sources have none', () => {
    const entry = { ...MIA, me: { helpcrunch: 4188, ticketbox: null } }
    expect(parseTokensFile(JSON.stringify([entry]))[0]?.agent).toEqual({
      name: 'Mia Novak',
      me: { helpcrunch: '4188', ticketbox: null },
      tier: '1',
    })
    expect(parseTokensFile(JSON.stringify([{ token: MIA.token, agent: 'Leo' }]))[0]?.agent).toEqual({
      name: 'Leo',
      me: {},
      tier: '1',
    })
  })

  it('reads tier and shifts (docs/team.md), names each agent once, and refuses a tier it does not know', () => {
    const shifts = [{ day: 1, start: '08:00', end: '16:00' }]
    const file = [
      { ...MIA, tier: 'lead', shifts },
      { token: 'leo-token-0123456789', agent: 'Leo' },
      { token: 'mia-laptop-0123456789', agent: 'Mia Novak', tier: '2' },
    ]
    const known = parseTokensFile(JSON.stringify(file))
    expect(known[0]?.agent.tier).toBe('lead')
    expect(membersOf(known)).toEqual([
      { name: 'Mia Novak', tier: 'lead', shifts },
      { name: 'Leo', tier: '1' },
    ])
    expect(() => parseTokensFile(JSON.stringify([{ ...MIA, tier: '3' }]))).toThrow(/entry 0: "tier"/)
    expect(() => parseTokensFile(JSON.stringify([{ ...MIA, shifts: [{ day: 9 }] }]))).toThrow(/entry 0: "shifts/)
  })

  it('reads the older helpcrunchAgentId as me.helpcrunch, and refuses a file where the two disagree', () => {
    const legacy = { token: MIA.token, agent: 'Mia Novak', helpcrunchAgentId: 4188 }
    expect(parseTokensFile(JSON.stringify([legacy]))[0]?.agent).toEqual({
      name: 'Mia Novak',
      me: { helpcrunch: '4188' },
      tier: '1',
    })
    const both = { ...legacy, me: { helpcrunch: '4188', deskdirector: 'acme~m~7' } }
    expect(parseTokensFile(JSON.stringify([both]))[0]?.agent.me).toEqual({
      helpcrunch: '4188',
      deskdirector: 'acme~m~7',
    })
    const disagreeing = { ...legacy, me: { helpcrunch: '4200' } }
    expect(() => parseTokensFile(JSON.stringify([disagreeing]))).toThrow(
      'tokens file: entry 0: "helpcrunchAgentId" and "me.helpcrunch" disagree',
    )
  })

  it('refuses a "me" that is not a map of source ids to ids, naming the field', () => {
    const cases: [unknown, string][] = [
      [{ HelpCrunch: '1' }, '"me.HelpCrunch"'],
      [{ helpcrunch: '' }, '"me.helpcrunch"'],
      [{ helpcrunch: -1 }, '"me.helpcrunch"'],
      [['4188'], '"me"'],
      [Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`s${i}`, null])), '"me"'],
    ]
    for (const [me, field] of cases)
      expect(() => parseTokensFile(JSON.stringify([{ ...MIA, me }])), JSON.stringify(me)).toThrow(
        `tokens file: entry 0: ${field}`,
      )
    expect(() => parseTokensFile(JSON.stringify([{ ...MIA, helpcrunchAgentId: true }]))).toThrow(
      'tokens file: entry 0: "helpcrunchAgentId"',
    )
  })

  it('looks tokens up by digest and follows changes of the file (a removed token stops working)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'chat-tray-tokens-'))
    const path = join(dir, 'tokens.json')
    writeFileSync(path, JSON.stringify([MIA]))
    let changes = 0
    const table = watchTokensFile(path, { log: silentLogger, pollMs: 20, onChange: () => changes++ })
    expect(table.lookup(MIA.token)).toEqual({ name: 'Mia Novak', me: MIA.me, tier: '1' })
    expect(table.lookup(`${MIA.token}x`)).toBeNull()
    writeFileSync(path, JSON.stringify([{ token: 'leo-token-0123456789', agent: 'Leo' }]))
    await expect.poll(() => table.lookup(MIA.token), { timeout: 5000 }).toBeNull()
    expect(table.lookup('leo-token-0123456789')?.me).toEqual({})
    // A broken file refuses everyone rather than keeping a token that was meant to be removed.
    writeFileSync(path, '[{"token": ')
    await expect.poll(() => table.lookup('leo-token-0123456789'), { timeout: 5000 }).toBeNull()
    expect(changes).toBeGreaterThanOrEqual(2)
    table.close()
  })

  it('reads only well-formed Bearer headers', () => {
    expect(bearerToken(`Bearer ${MIA.token}`)).toBe(MIA.token)
    for (const header of [undefined, '', 'Bearer', `bearer ${MIA.token}`, `Basic ${MIA.token}`, `Bearer a b`])
      expect(bearerToken(header)).toBeNull()
  })
})
