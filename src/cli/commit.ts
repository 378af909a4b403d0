import { DateTime, IANAZone } from 'luxon';
import { commitUsage, parseCommitment } from '../commitments/parse.ts';
import { renderCommitmentLine } from '../commitments/render.ts';
import { createCommitment } from '../commitments/service.ts';
import { todayIn } from '../dates.ts';
import { cliActor } from './actor.ts';
import { jsonOutput } from './json.ts';
import { type CliCommand, UsageError } from './types.ts';

export const commitCommand: CliCommand = {
  name: 'commit',
  usage: 'minutebook commit "<text>" [--as <user>] [--on YYYY-MM-DD] [--tz Area/City] [--json]',
  options: {
    as: { type: 'string' },
    on: { type: 'string' },
    tz: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ positionals, values, io, config, context }) {
    const text = positionals.join(' ');
    const author = cliActor(values.as);
    const timeZone = typeof values.tz === 'string' ? values.tz : config.DEFAULT_TIMEZONE;
    if (!IANAZone.isValidZone(timeZone)) {
      throw new UsageError(
        `--tz ${timeZone} is not an IANA time zone such as Asia/Ho_Chi_Minh or Europe/Paris`,
      );
    }
    let now = new Date();
    if (typeof values.on === 'string') {
      // The day it was said, for logging past meetings: relative dates count from noon that day.
      const day = DateTime.fromISO(values.on, { zone: timeZone });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values.on) || !day.isValid) {
        throw new UsageError(`--on ${values.on} is not a date; give it as YYYY-MM-DD`);
      }
      now = day.set({ hour: 12 }).toJSDate();
    }
    const result = parseCommitment(text, { author, now, timeZone, dateOrder: config.DATE_ORDER });
    if (!result.ok) {
      if (values.json) io.out(jsonOutput({ error: result.error.code, message: result.error.message }));
      else if (result.error.code === 'usage') io.err(`${result.error.message}\n${commitUsage('plain')}`);
      else io.err(result.error.message);
      return 1;
    }
    const ctx = await context();
    const { commitment } = await createCommitment(ctx, {
      parsed: result.value,
      createdBy: author,
      sourceText: text,
    });
    io.out(
      values.json
        ? jsonOutput(commitment)
        : `recorded ${renderCommitmentLine(commitment, todayIn(commitment.tz, new Date()))}`,
    );
    return 0;
  },
};
