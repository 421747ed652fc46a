/** Which quick actions a source offers in the panel: what its status says it can do (`source-info.ts`). */
export { canAssign } from './source-info'
