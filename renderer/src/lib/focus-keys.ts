/** Arrow-key movement between the focusable elements of a popup (menus and popovers). */

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), [role="menuitem"]'

/** Moves focus inside `container` (between `selector` matches) for ArrowUp/ArrowDown/Home/End; true when used. */
export function moveFocus(container: HTMLElement, key: string, selector = FOCUSABLE): boolean {
  const items = [...container.querySelectorAll<HTMLElement>(selector)]
  if (items.length === 0) return false
  const index = items.indexOf(document.activeElement as HTMLElement)
  let next: number
  if (key === 'ArrowDown') next = index < 0 ? 0 : (index + 1) % items.length
  else if (key === 'ArrowUp') next = index <= 0 ? items.length - 1 : index - 1
  else if (key === 'Home') next = 0
  else if (key === 'End') next = items.length - 1
  else return false
  items[next]?.focus()
  return true
}

/** Focuses `element` if it is still in the page, else the row of `chatKey`. */
export function restoreFocus(element: Element | null, chatKey: string): void {
  if (element instanceof HTMLElement && element.isConnected) {
    element.focus()
    return
  }
  document.querySelector<HTMLElement>(`[data-key="${CSS.escape(chatKey)}"]`)?.focus()
}
