/**
 * Equality as `JSON.stringify` sees it, without building the two strings: the store compares every incoming
 * version with the one it holds, and duplicates (webhook retries, polls) are the common case.
 * Same rules as JSON.stringify on plain data: own enumerable keys in order, object members whose value is
 * `undefined` (or a function or symbol) skipped, such array items and non-finite numbers count as `null`.
 */

/** True exactly when `JSON.stringify(a) === JSON.stringify(b)` for plain data (no `toJSON`, no bigint, no cycles). */
export function sameJson(a: unknown, b: unknown): boolean {
  // At the top these are not written at all (stringify returns undefined), unlike inside an array.
  if (omitted(a) || omitted(b)) return omitted(a) && omitted(b)
  return sameValue(a, b)
}

/** Compares two values as array items (or object members, which are never omitted ones here). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  const x = asJsonLeaf(a)
  const y = asJsonLeaf(b)
  if (x === y) return true
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false
  if (Array.isArray(x) !== Array.isArray(y)) return false
  return Array.isArray(x)
    ? sameArray(x, y as unknown[])
    : sameObject(x as Record<string, unknown>, y as Record<string, unknown>)
}

function sameArray(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false
  return true
}

function sameObject(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const aKeys = Object.keys(a)
  const bKeys = Object.keys(b)
  let i = 0
  let j = 0
  for (;;) {
    while (i < aKeys.length && omitted(a[aKeys[i] as string])) i++
    while (j < bKeys.length && omitted(b[bKeys[j] as string])) j++
    if (i === aKeys.length || j === bKeys.length) return i === aKeys.length && j === bKeys.length
    const key = aKeys[i] as string
    if (key !== bKeys[j] || !sameValue(a[key], b[key])) return false
    i++
    j++
  }
}

/** Values JSON.stringify leaves out of an object. */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol'
}

/** How a value is written inside an array or at the top: these all become `null`. */
function asJsonLeaf(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  return omitted(value) ? null : value
}
