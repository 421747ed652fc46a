/**
 * The state directory: everything that must survive a restart. Files (all small, all bounded):
 * - `alerted.ndjson`       alerted transitions (the exactly-once journal)
 * - `overlays.json`        local snoozes and read marks (store overlays)
 * - `dnd.json`             manual do-not-disturb end time
 * - `<source>-poll.json`   a polled source's high-water mark (`forSource`)
 * - `kept-chats.ndjson`    the kept chats: open chats of webhook-only sources (DeskDirector never re-sends them);
 *                          earlier builds called it `webhook-chats.ndjson` (renamed at open)
 * - `dead-letters.ndjson`  items of signed deliveries that could not be applied, with the reason
 * - `<source>-deliveries.ndjson` ids of a source's answered deliveries (retries after a restart are dropped)
 * With no directory (null) the same stores live in memory only. Nothing here ever blocks start-up.
 * The directory is 0700 and every file 0600 (they hold customer names and message text).
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Logger } from '../log'
import type { LocalOverlay } from '../store'
import { removeStaleTemps } from './atomic-file'
import { type Cell, fileCell, memoryCell } from './cell'
import { DeadLetters } from './dead-letters'
import { DeliveryIds, type SeenIds } from './delivery-ids'
import { AlertJournal, DEFAULT_JOURNAL_LIMITS, type JournalLimits } from './journal'
import { type JournalFile, openJournalFile } from './journal-file'
import { KeptChats } from './kept-chats'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, restrictMode } from './private-files'
import { StateHealth } from './state-health'

/** A saved overlay: chat key, overlay, when it was saved (for pruning). */
export type SavedOverlay = [key: string, overlay: LocalOverlay, savedAt: number]

/** Where a poller keeps its high-water mark (epoch ms of the newest change seen); in memory: `memoryCell(null)`. */
export interface HighWaterMarkStore {
  get(): number | null
  set(value: number): void
  /** Final: writes what waits, stops retrying (a file-backed store). */
  close?(): void
}

/**
 * A request budget shared beyond this process: one per help-desk organisation for every hub on the same Redis
 * (docs/scaling.md). `take` resolves when one more request may be sent within `perMinute`.
 */
export interface SharedBudget {
  take(perMinute: number): Promise<void>
}

/** The durable files of one source (its high-water mark and answered delivery ids). */
export interface SourceFiles {
  highWaterMark: HighWaterMarkStore
  /** Ids of the source's deliveries already answered. */
  deliveryIds: SeenIds
  /** The budget every hub shares (absent: this process's own bucket is the whole budget). */
  budget?: SharedBudget
}

/**
 * Replaces stores of a run by shared ones (several hubs on one Redis): given the state directory's stores, returns
 * the stores the run uses. The host injects it; without it the state directory's stores are used as they are.
 */
export type ShareState = (local: StateStores) => StateStores

/** Every durable store of one run. */
export interface StateStores {
  /** The directory, or null in memory mode. */
  dir: string | null
  journal: AlertJournal
  overlays: Cell<SavedOverlay[]>
  dnd: Cell<{ until: number | null }>
  /** Open chats of webhook-only sources, restored at start-up. */
  keptChats: KeptChats
  /** Items of verified deliveries that could not be applied. */
  deadLetters: DeadLetters
  /** The durable state one source owns, opened on first use (file names carry the source id). */
  forSource(source: string): SourceFiles
  /** What could not be saved or read back in this run (for the status and `/health`). */
  health: StateHealth
  /** Compacts the journal and closes files (runtime.stop). */
  flush(): void
}

/** The files this module owns in the state directory. */
const FILES = {
  journal: 'alerted.ndjson',
  overlays: 'overlays.json',
  dnd: 'dnd.json',
  keptChats: 'kept-chats.ndjson',
  deadLetters: 'dead-letters.ndjson',
} as const

/** The kept chats' file name in earlier builds (renamed at open). */
const OLD_KEPT_CHATS = 'webhook-chats.ndjson'

/** A source id becomes part of a file name: keep it to safe characters. */
const SOURCE_ID = /^[a-z][a-z0-9-]{0,39}$/

/** The per-source files (`forSource`), by source id. */
const sourceFileNames = (source: string) => ({ mark: `${source}-poll.json`, deliveries: `${source}-deliveries.ndjson` })

const overlayEntrySchema = z.tuple([
  z.string().max(400),
  z.object({
    snoozedUntil: z.number().nullable().optional(),
    readAtVersion: z.number().optional(),
  }),
  z.number(),
])

/**
 * overlays.json, read entry by entry: one damaged entry costs that one snooze or read mark, not all of them
 * (a file that is not a JSON array at all is still set aside whole).
 */
function overlaysSchema(log: Logger, health: StateHealth): z.ZodType<SavedOverlay[]> {
  return z.array(z.unknown()).transform((entries) => {
    const kept: SavedOverlay[] = []
    for (const entry of entries) {
      const parsed = overlayEntrySchema.safeParse(entry)
      if (parsed.success) kept.push(parsed.data)
    }
    if (kept.length < entries.length) {
      log.warn('overlays.json: unreadable entries skipped', {
        skipped: entries.length - kept.length,
        kept: kept.length,
      })
      health.badLines(FILES.overlays, entries.length - kept.length)
    }
    return kept
  }) as unknown as z.ZodType<SavedOverlay[]>
}
const dndSchema = z.object({ until: z.number().nullable() })
const markSchema = z.object({ value: z.number().nullable() })

/** Opens (creating if needed) the state directory; falls back to memory with a warning if it is unusable. */
export function openState(
  dir: string | null,
  log: Logger,
  now: () => number,
  limits: JournalLimits = DEFAULT_JOURNAL_LIMITS,
): StateStores {
  const journal = new AlertJournal(now, limits)
  const health = new StateHealth()
  let keptName: string = FILES.keptChats
  if (dir !== null) {
    try {
      mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
      keptName = keptChatsName(dir, log)
      const names = [...Object.values(FILES), OLD_KEPT_CHATS]
      // A directory or files made by an older build (or another umask) are tightened too.
      const loose = [dir, ...names.map((name) => join(dir as string, name))]
        .map((path, index) =>
          existsSync(path) ? restrictMode(path, index === 0 ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE) : null,
        )
        .find((error) => error !== null)
      if (loose) log.warn('could not make the state directory private', { dir, error: loose.message })
      removeStaleTemps(dir, names, log)
    } catch (error) {
      log.warn('state directory unusable; alert memory and snoozes will not survive a restart', {
        dir,
        error: (error as Error).message,
      })
      dir = null
    }
  }
  if (dir === null) {
    const forSource = perSource(() => ({
      highWaterMark: markStore(memoryCell<{ value: number | null }>({ value: null })),
      deliveryIds: DeliveryIds.inMemory(),
    }))
    return {
      dir: null,
      journal,
      overlays: memoryCell<SavedOverlay[]>([]),
      dnd: memoryCell({ until: null }),
      keptChats: new KeptChats(null, log, now),
      deadLetters: new DeadLetters(null, log, now),
      forSource: forSource.get,
      health,
      flush: () => {},
    }
  }
  const stateDir = dir
  const file: JournalFile = openJournalFile(journal, join(dir, FILES.journal), log, now, { health })
  const keptChats = new KeptChats(join(dir, keptName), log, now, undefined, health)
  const deadLetters = new DeadLetters(join(dir, FILES.deadLetters), log, now, undefined, health)
  const cellOptions = { health }
  const overlays = fileCell(join(dir, FILES.overlays), overlaysSchema(log, health), [], log, now, cellOptions)
  const dnd = fileCell(join(dir, FILES.dnd), dndSchema, { until: null }, log, now, cellOptions)
  const forSource = perSource((source) => {
    const names = sourceFileNames(source)
    // Opened after start-up's sweep: tighten and clean this source's files the same way.
    for (const name of Object.values(names)) {
      const path = join(stateDir, name)
      if (existsSync(path)) restrictMode(path, PRIVATE_FILE_MODE)
    }
    removeStaleTemps(stateDir, Object.values(names), log)
    return {
      highWaterMark: markStore(
        fileCell(join(stateDir, names.mark), markSchema, { value: null }, log, now, cellOptions),
      ),
      deliveryIds: new DeliveryIds(join(stateDir, names.deliveries), log, now, undefined, health),
    }
  })
  return {
    dir,
    journal,
    overlays,
    dnd,
    keptChats,
    deadLetters,
    forSource: forSource.get,
    health,
    flush() {
      journal.compact()
      file.close()
      keptChats.close()
      deadLetters.close()
      overlays.close?.()
      dnd.close?.()
      for (const state of forSource.opened()) {
        state.deliveryIds.close?.()
        state.highWaterMark.close?.()
      }
    },
  }
}

/**
 * The name of the kept chats file to open: earlier builds called it `webhook-chats.ndjson`; such a file is
 * renamed (a file under today's name wins). When the rename fails the old file is used as it is, so no kept chat
 * is lost; the rename is tried again at the next start.
 */
function keptChatsName(dir: string, log: Logger): string {
  const from = join(dir, OLD_KEPT_CHATS)
  if (!existsSync(from) || existsSync(join(dir, FILES.keptChats))) return FILES.keptChats
  try {
    renameSync(from, join(dir, FILES.keptChats))
    log.info('state file renamed', { from: OLD_KEPT_CHATS, to: FILES.keptChats })
    return FILES.keptChats
  } catch (error) {
    log.warn('could not rename a state file; using it under its old name', {
      file: OLD_KEPT_CHATS,
      error: (error as Error).message,
    })
    return OLD_KEPT_CHATS
  }
}

/** Opens each source's state once, on first use; refuses an id that cannot be part of a file name. */
function perSource(open: (source: string) => SourceFiles) {
  const opened = new Map<string, SourceFiles>()
  return {
    get(source: string): SourceFiles {
      if (!SOURCE_ID.test(source)) throw new Error(`state: "${source}" is not a source id`)
      const known = opened.get(source)
      if (known) return known
      const state = open(source)
      opened.set(source, state)
      return state
    },
    opened: () => opened.values(),
  }
}

function markStore(cell: Cell<{ value: number | null }>): HighWaterMarkStore {
  return { get: () => cell.get().value, set: (value) => cell.set({ value }), close: () => cell.close?.() }
}
