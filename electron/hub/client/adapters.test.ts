import { describe, expect, it } from 'vitest'
import { CommandFailure } from '../../../shared/protocol'
import { makeChat } from '../../../tests/helpers/chats'
import { createEngine } from '../../core/engine/engine'
import { silentLogger } from '../../core/engine/log'
import { createProxyAdapter, type HubLink } from './adapters'

function proxy(answer: (command: string, params: Record<string, unknown>) => unknown) {
  const sent: { command: string; params: Record<string, unknown> }[] = []
  const link: HubLink = {
    async command(command, params) {
      sent.push({ command, params })
      return answer(command, params)
    },
    connection: () => 'ok',
    reconnectNow: () => {},
  }
  const engine = createEngine({ log: silentLogger })
  const adapter = createProxyAdapter('ticketbox', {
    context: engine.contextFor('ticketbox'),
    link,
    now: () => 1,
    me: () => 'm1',
  })
  return { adapter, sent }
}

describe('"Take" on a desktop following a hub', () => {
  const chat = makeChat({ source: 'ticketbox', sourceId: '1', updatedAt: 42 })

  it('claims through the hub on the version the agent saw, and a lost race is a conflict with who won', async () => {
    const { adapter, sent } = proxy(() => {
      const failure = new CommandFailure('conflict', 'Mia took it 4 s ago')
      failure.claim = { agent: 'Mia', since: 1 }
      throw failure
    })
    await expect(adapter.assign?.(chat, 'm1')).rejects.toMatchObject({ code: 'conflict', claim: { agent: 'Mia' } })
    expect(sent).toEqual([{ command: 'chat.claim', params: { key: 'ticketbox:1', version: 42 } }])
  })

  it('assigns as before through a hub from before claims (it answers bad_command)', async () => {
    const { adapter, sent } = proxy((command) => {
      if (command === 'chat.claim') throw new CommandFailure('bad_command', 'unknown command "chat.claim"')
      return { chat: { ...chat, assignee: { id: 'm1', name: null, email: null } } }
    })
    expect(await adapter.assign?.(chat, 'm1')).toMatchObject({ assignee: { id: 'm1' } })
    expect(sent.map((s) => s.command)).toEqual(['chat.claim', 'chat.assign'])
  })
})
