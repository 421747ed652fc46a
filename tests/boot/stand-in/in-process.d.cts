/** Types of in-process.cjs (the stand-in inside a test process). */
export interface StandInTray {
  describe(): { image: { path: string | null; empty: boolean } | null; tooltip: string; menu: unknown }
}
export interface StandInWindow {
  webContents: { id: number; getURL(): string }
  isVisible(): boolean
}
export const electron: Record<string, unknown>
export const record: {
  toasts: { id: number; title: string; body: string; silent: boolean; actions: string[] }[]
  loads: { url: string; ok: boolean; error: string | null; handlers: string[] }[]
  opened: { kind: string; target: string }[]
  errors: { kind: string; message: string }[]
}
export function ready(): void
export function reset(): void
export const trays: StandInTray[]
export const windows: StandInWindow[]
export const ipcMain: { handlers: Map<string, (...args: unknown[]) => unknown> }
export const powerMonitor: { emit(event: string, ...args: unknown[]): boolean }
export const sends: { contentsId: number; channel: string; args: unknown[] }[]
