/** Entry point of `npm run hub`: the headless host serving as the team hub (flags and exit codes as headless). */
import { run } from './headless/run'

run({ serveHub: true })
