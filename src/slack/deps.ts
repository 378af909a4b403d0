import type { AppContext } from '../context.ts';
import type { InFlight } from '../in-flight.ts';
import type { AnswerQueue } from './answer-queue.ts';
import type { ConversationVisibilityLookup } from './conversation-visibility.ts';
import type { ResolveTimeZone, UserTimeZoneLookup } from './user-time-zone.ts';

/** What every listener receives: the services' context and a few Slack-side helpers. */
export interface SlackDeps {
  readonly ctx: AppContext;
  readonly inFlight: InFlight;
  /** Bounds the answer work running at once (questions beyond wait their turn, or are refused when full). */
  readonly answerQueue: AnswerQueue;
  readonly userTimeZone: UserTimeZoneLookup;
  /** The zone and whether Slack gave it (false: the default zone, which the user should be told about). */
  readonly resolveTimeZone: ResolveTimeZone;
  /** Public channel or private conversation: decides who else sees a commitment logged there. */
  readonly conversationVisibility: ConversationVisibilityLookup;
  /** The clock, injectable so tests can pin "today". */
  now(): Date;
}
