/** A busy afternoon: 60 DeskDirector chats (waiting, missed, callbacks, active) for the list's browser tests. */
import type { Runtime } from '../../electron/core/runtime/runtime'
import { ingestDeskDirectorSeed } from './seed-source'

const FIRST = ['Liam', 'Ava', 'Noah', 'Mia', 'Kai', 'Zoe', 'Omar', 'Lena', 'Ivan', 'Sara', 'Tomás', 'Yuki']
const LAST = ['Tait', 'Chen', 'Patel', 'Rossi', 'Müller', 'Okafor', 'Haddad', 'Novak', 'Silva', 'Berg']
const STATUSES = ['created', 'created', 'created', 'missed', 'callback', 'handled']
const COMPANIES = ['Acme Ltd', 'Northwind', null, 'Globex', 'Initech', null]

/**
 * Ingests `count` chats (default 60) whose waiting times spread from `spacingMs` to `count × spacingMs` ago
 * (default 173 s: a minute to a few hours); most contacts name their company, taken chats link a ticket.
 */
export function ingestSixtyChats(runtime: Runtime, count = 60, spacingMs = 173_000): void {
  const base = Date.now()
  for (let i = 0; i < count; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`
    const company = COMPANIES[i % COMPANIES.length]
    const status = STATUSES[i % STATUSES.length]
    ingestDeskDirectorSeed(runtime, {
      id: `busy-${i}`,
      name: `Chat Request from ${name}`,
      creator: { entityId: 500 + i, name, userId: `acme~c~${500 + i}`, company: company ? { name: company } : null },
      createdDateTime: new Date(base - (i + 1) * spacingMs).toISOString(),
      status,
      reference: status === 'handled' ? { type: 'ticket', id: 48_000 + i } : null,
    })
  }
}
