import type { AppContext } from '../context.ts';
import type { InFlight } from './in-flight.ts';
import type { UserTimeZoneLookup } from './user-time-zone.ts';

/** What every listener receives: the services' context and a few Slack-side helpers. */
export interface SlackDeps {
  readonly ctx: AppContext;
  readonly inFlight: InFlight;
  readonly userTimeZone: UserTimeZoneLookup;
  /** The clock, injectable so tests can pin "today". */
  now(): Date;
}
