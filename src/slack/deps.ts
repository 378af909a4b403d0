import type { AppContext } from '../context.ts';
import type { InFlight } from './in-flight.ts';
import type { ResolveTimeZone, UserTimeZoneLookup } from './user-time-zone.ts';

/** What every listener receives: the services' context and a few Slack-side helpers. */
export interface SlackDeps {
  readonly ctx: AppContext;
  readonly inFlight: InFlight;
  readonly userTimeZone: UserTimeZoneLookup;
  /** The zone and whether Slack gave it (false: the default zone, which the user should be told about). */
  readonly resolveTimeZone: ResolveTimeZone;
  /** The clock, injectable so tests can pin "today". */
  now(): Date;
}
