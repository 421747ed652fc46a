/**
 * What the panel knows about each source: its label and capabilities, learnt from the statuses main sends
 * (each `SourceStatus` carries them), so no component needs per-source code. Kept across a runtime swap:
 * a source's name and abilities do not change with the data.
 */
import type { SourceInfo, SourceStatus } from '../../../shared/protocol'

const known = new Map<string, SourceInfo>()

/** Records the label and capabilities of every status that carries them. */
export function learnSources(statuses: readonly SourceStatus[]): void {
  for (const status of statuses)
    if (status.label !== undefined && status.capabilities !== undefined)
      known.set(status.source, { id: status.source, label: status.label, capabilities: status.capabilities })
}

/** Ids of every source main has named, in the order first seen (the registry's order). */
export function knownSources(): string[] {
  return [...known.keys()]
}

/** Display name of a source id (the id itself until main has named it). */
export function sourceLabel(source: string): string {
  return known.get(source)?.label ?? source
}

/** True when the source's API can assign a chat to me (off until main has said so). */
export function canAssign(source: string): boolean {
  return known.get(source)?.capabilities.assign ?? false
}

/** "Me" per source as one string: a stable store selection that changes only when someone's "me" changes. */
export function mesOf(sources: Readonly<Record<string, SourceStatus>>): string {
  return JSON.stringify(Object.fromEntries(Object.values(sources).map((s) => [s.source, s.me ?? null])))
}

/** The lookup behind a `mesOf` string: "me" at a source (HelpCrunch: the agent id; DeskDirector: the tech). */
export function meLookup(mes: string): (source: string) => string | null {
  const map = JSON.parse(mes) as Record<string, string | null>
  return (source) => map[source] ?? null
}
