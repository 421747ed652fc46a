/** The stream events the board applies (the hub's `HUB_EVENT_NAMES`; docs/hub.md, "The stream"). */
import { HUB_EVENT_NAMES } from '../../../shared/protocol/hub'

/** Event names the board listens for. */
export const BOARD_EVENTS: readonly string[] = HUB_EVENT_NAMES
