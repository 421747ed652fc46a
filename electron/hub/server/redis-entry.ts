/**
 * One entry of the shared change log (`chat-tray:events`) and how a hub reads it: `n` the event name, `d` the SSE
 * data as JSON text, `u` the publishing hub's uid of the change (so it is published once), `f` the leader's fence,
 * `s` and `o` the chat's source version and overlay when an overlay exists (docs/scaling.md, "Keys").
 */
import type { HubChangeName } from '../../../shared/protocol/hub'
import type { PublishMeta } from './change-feed'

const NAMES = new Set<string>(['chat.added', 'chat.changed', 'chat.removed', 'source.status'])

/** True for the events a change feed carries. */
export function isChangeName(name: string): name is HubChangeName {
  return NAMES.has(name)
}

/** One SSE message from the stream's fields (the data is JSON text already). */
export function frameOf(name: string, id: string, json: string): string {
  return `id: ${id}\nevent: ${name}\ndata: ${json}\n\n`
}

/** The value of field `name` of a stream entry (flat name/value pairs), or null. */
export function fieldOf(fields: string[], name: string): string | null {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1] as string
  return null
}

/** What the entry carries for mirroring besides the frame. */
export function metaOf(fields: string[]): PublishMeta {
  const meta: PublishMeta = {}
  const source = fieldOf(fields, 's')
  const overlay = fieldOf(fields, 'o')
  if (source !== null) meta.source = JSON.parse(source)
  if (overlay !== null) meta.overlay = JSON.parse(overlay)
  return meta
}

/** Orders two stream ids (`<ms>-<seq>`): only the feed reads them. */
export function compareIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number)
  const [bm = 0, bs = 0] = b.split('-').map(Number)
  return am === bm ? as - bs : am - bm
}
