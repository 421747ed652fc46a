/** Entry point of `npm run hub`: the headless host as the team hub (flags, exit codes and stdout as main.ts). */
import './main'
