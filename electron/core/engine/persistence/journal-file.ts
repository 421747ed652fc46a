/**
 * The journal's file: `alerted.ndjson`, one record per line. Records are appended and fsynced before the
 * alert goes out; the file is rewritten compactly (temp + fsync + rename) at start-up, when it grows, and on
 * stop. Writes go through the append log: a full disk never tears the file, and records that could not be
 * written wait in memory, are retried, and are told on the status (the alert still goes out: a possible repeat
 * after a restart is better than a lost alert). A line cut short by a crash mid-append is dropped (its alert was
 * never emitted); other bad lines are skipped, counted, and the original file is copied aside with a warning.
 */
import { basename } from 'node:path'
import type { Logger } from '../log'
import { type AppendFs, AppendLog } from './append-log'
import type { AlertJournal, JournalSink } from './journal'
import type { StateHealth } from './state-health'

/** Open options of the journal file. */
export interface JournalFileOptions {
  health?: StateHealth
  fs?: AppendFs
}

/** A journal sink writing `path`. */
export class JournalFile implements JournalSink {
  private readonly file: AppendLog

  constructor(path: string, log: Logger, now: () => number, journal: AlertJournal, options: JournalFileOptions = {}) {
    this.file = new AppendLog(path, log, now, {
      appendFailed: 'could not record alerts durably yet; they may repeat after a restart until written',
      compactFailed: 'could not compact the alert journal',
      syncFailed: 'could not sync the alert journal',
      // Records are fsynced as they are appended (`durable`); close marks within a second.
      syncMs: 1_000,
      snapshot: () => journal.serialise(),
      health: options.health,
      fs: options.fs,
    })
  }

  /** Appends; fsyncs when `durable`. Never throws: what cannot be written waits and is retried. */
  append(text: string, durable: boolean): void {
    this.file.appendText(text, durable)
  }

  /** Rewrites the whole file atomically; a failure is logged and the appended file stays as it is. */
  rewrite(text: string): void {
    this.file.rewriteText(text)
  }

  /** Final close (runtime stop). */
  close(): void {
    this.file.close()
  }

  /** The text an earlier run left (null when none; an unreadable file is set aside). */
  readPrevious(): string | null {
    return this.file.readPrevious()
  }

  /** Copies the file aside with the reason (the original stays). */
  copyAside(why: string): void {
    this.file.copyAside(why)
  }
}

/** Loads `path` into `journal`, sets a damaged file aside, attaches the file and compacts it. Never throws. */
export function openJournalFile(
  journal: AlertJournal,
  path: string,
  log: Logger,
  now: () => number,
  options: JournalFileOptions = {},
): JournalFile {
  const file = new JournalFile(path, log, now, journal, options)
  const text = file.readPrevious()
  if (text !== null) {
    const report = journal.load(text)
    if (report.truncatedTail) log.info('alert journal ended mid-line (interrupted write); that line is dropped')
    options.health?.badLines(basename(path), report.invalid + (report.truncatedTail ? 1 : 0))
    if (report.invalid > 0)
      file.copyAside(`${report.invalid} unreadable line(s); kept ${report.records} valid record(s)`)
  }
  journal.attach(file)
  journal.compact()
  return file
}
