// Module resolve hook (registered by register.mjs): `import ... from 'electron'` gets the stand-in.
const STAND_IN = new URL('./electron.cjs', import.meta.url).href

/** Resolves the bare specifier `electron` to the stand-in, as CommonJS. */
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: STAND_IN, format: 'commonjs', shortCircuit: true }
  return next(specifier, context)
}
