/** Entry point of `npm run headless`: the engine without Electron, speaking the protocol as NDJSON on stdio. */
import { run } from './headless/run'

run({ serveHub: false })
