/** Where the panel opens: under (or above) the tray icon, kept inside the display's work area. Pure. */

/** A rectangle in screen coordinates. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** Top-left corner for a panel of `size` anchored at the tray `anchor` (null → top-right of the work area). */
export function panelPosition(
  anchor: Rect | null,
  size: { width: number; height: number },
  work: Rect,
): { x: number; y: number } {
  const clampX = (x: number) => Math.round(Math.min(Math.max(x, work.x), work.x + work.width - size.width))
  const clampY = (y: number) => Math.round(Math.min(Math.max(y, work.y), work.y + work.height - size.height))
  if (!anchor || anchor.width === 0) return { x: clampX(work.x + work.width - size.width), y: work.y }
  const x = clampX(anchor.x + anchor.width / 2 - size.width / 2)
  // Tray at the bottom (Windows taskbar): open above it; otherwise below.
  const below = anchor.y < work.y + work.height / 2
  return { x, y: clampY(below ? anchor.y + anchor.height : anchor.y - size.height) }
}
