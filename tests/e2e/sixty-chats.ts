/** A busy afternoon: 60 DeskDirector chats (waiting, missed, callbacks, active) for the list's browser tests. */
import type { Runtime } from '../../electron/core/runtime/runtime'
import { ingestDeskDirectorSeed } from './seed-source'

const FIRST = ['Liam', 'Ava', 'Noah', 'Mia', 'Kai', 'Zoe', 'Omar', 'Lena', 'Ivan', 'Sara', 'Tomás', 'Yuki']
const LAST = ['Tait', 'Chen', 'Patel', 'Rossi', 'Müller', 'Okafor', 'Haddad', 'Novak', 'Silva', 'Berg']
const STATUSES = ['created', 'created', 'created', 'missed', 'callback', 'handled']

/** Ingests `count` chats (default 60) whose waiting times spread from a minute to a few hours. */
export function ingestSixtyChats(runtime: Runtime, count = 60): void {
  const base = Date.now()
  for (let i = 0; i < count; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`
    ingestDeskDirectorSeed(runtime, {
      id: `busy-${i}`,
      name: `Chat Request from ${name}`,
      creator: { entityId: 500 + i, name, userId: `acme~c~${500 + i}` },
      createdDateTime: new Date(base - (i + 1) * 173_000).toISOString(),
      status: STATUSES[i % STATUSES.length],
    })
  }
}
