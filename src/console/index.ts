import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { AnswerUnavailableError, answerQuestion, type Turn } from '../answer/index.ts';
import { renderAnswerText } from '../answer/render.ts';
import { renderBriefMarkdown } from '../brief/render.ts';
import { composeBrief } from '../brief/service.ts';
import { commitUsage, parseCommitment } from '../commitments/parse.ts';
import { renderCommitmentLine } from '../commitments/render.ts';
import {
  CommitmentError,
  completeCommitment,
  createCommitment,
  listCommitments,
} from '../commitments/service.ts';
import type { AppContext } from '../context.ts';
import { todayIn } from '../dates.ts';
import { countDocuments } from '../db/documents.ts';
import { runDigestCommand } from '../digest/command.ts';
import { renderDigestText } from '../digest/compose.ts';
import type { IngestReport } from '../ingest/index.ts';
import { localUserName } from '../local-user.ts';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Reports of the sample documents ingested on this first start, if any. */
  seeded: IngestReport[] | null;
}

const CONSOLE_CHANNEL = 'console';

const HELP = `Type a question in any language, or a command:
  /ask <question>            the same as typing the question
  /new                       forget the conversation (follow-ups use the previous questions)
  /commit <text>             log a commitment, e.g. /commit @lan send the draft MoU to Guangxi FAO by Friday
  /commitments [all|overdue] your open commitments (or all / overdue ones)
  /done <id>                 mark a commitment done
  /digest preview            this week's digest so far
  /brief <subject>           a cited dossier on a counterpart or topic, e.g. /brief Guangxi
  /help                      this help
  /quit                      leave (Ctrl-D works too)`;

/**
 * The local console: the same questions and commands as in Slack, in a terminal, over the configured
 * database. It is what `npm start` opens when no Slack tokens are set.
 */
export async function runConsole(ctx: AppContext, options: ConsoleOptions): Promise<number> {
  const write = (text: string) => options.output.write(`${text}\n`);
  const user = localUserName('console');
  const turns: Turn[] = [];
  await greet(ctx, options, write);

  const rl = createInterface({
    input: options.input,
    output: options.output,
    terminal: Boolean((options.output as { isTTY?: boolean }).isTTY),
  });
  rl.setPrompt('minutebook> ');
  // Piped input closes readline before its buffered lines are handled: no prompt after that.
  let closed = false;
  rl.once('close', () => {
    closed = true;
  });
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') break;
    try {
      await handleLine({ ctx, write, user, turns }, line);
    } catch (error) {
      if (isUserError(error)) {
        // The person asked for something that cannot be done: the reason is the whole answer.
        write((error as Error).message);
      } else {
        ctx.logger.error({ err: error, line }, 'console command failed');
        write(`error: ${(error as Error).message}`);
      }
    }
    if (!closed) rl.prompt();
  }
  rl.close();
  return 0;
}

/** What one console session keeps between lines. */
interface ConsoleSession {
  ctx: AppContext;
  write: (text: string) => void;
  user: string;
  turns: Turn[];
}

/** The console's first lines: what is indexed, where, and what answers will be like. */
async function greet(ctx: AppContext, options: ConsoleOptions, write: (text: string) => void): Promise<void> {
  const { config } = ctx;
  const documents = await countDocuments(ctx.db.pool);
  write(
    `Minutebook console — ${documents} documents indexed on the ${ctx.db.backend === 'pglite' ? `embedded database (${config.MINUTEBOOK_DATA_DIR})` : 'Postgres server'}.`,
  );
  if (options.seeded)
    write(
      `First start: ingested ${options.seeded.filter((r) => r.status === 'ingested').length} sample documents from ${config.SAMPLES_DIR}.`,
    );
  write(
    config.OPENAI_API_KEY
      ? 'Answers are written by the configured language model.'
      : 'No language model configured (OPENAI_API_KEY): answers quote the best passages.',
  );
  write(
    'Slack is not configured (SLACK_BOT_TOKEN), so this is the local console. /help lists the commands.\n',
  );
}

/** One line typed in the console: a command, or a question. */
async function handleLine(session: ConsoleSession, line: string): Promise<void> {
  const { ctx, write, user, turns } = session;
  const { config } = ctx;
  if (!line) return;
  const [command = '', ...rest] = line.startsWith('/') ? line.split(/\s+/) : ['/ask', line];
  const args = rest.join(' ');
  const now = new Date();
  const today = todayIn(config.DEFAULT_TIMEZONE, now);
  switch (command) {
    case '/help':
      write(HELP);
      return;
    case '/new':
      turns.length = 0;
      write('New conversation.');
      return;
    case '/ask': {
      if (!args) {
        write('usage: /ask <question>');
        return;
      }
      try {
        const answer = await answerQuestion(ctx, args, {
          priorTurns: turns.slice(-3),
          channelId: CONSOLE_CHANNEL,
          askedBy: user,
        });
        turns.push({ question: args, answer: answer.answer });
        write(renderAnswerText(answer));
      } catch (error) {
        if (error instanceof AnswerUnavailableError) write(`Sorry: ${error.message}`);
        else throw error;
      }
      return;
    }
    case '/commit': {
      const parsed = parseCommitment(args, {
        author: user,
        now,
        timeZone: config.DEFAULT_TIMEZONE,
        dateOrder: config.DATE_ORDER,
      });
      if (!parsed.ok) {
        write(`${parsed.error.message}\n${commitUsage('plain')}`);
        return;
      }
      const { commitment } = await createCommitment(ctx, {
        parsed: parsed.value,
        createdBy: user,
        channelId: CONSOLE_CHANNEL,
        sourceText: args,
      });
      write(`Logged: ${renderCommitmentLine(commitment, today)}`);
      return;
    }
    case '/commitments': {
      const filter =
        args === 'all'
          ? { status: 'all_open' as const, today }
          : args === 'overdue'
            ? { overdue: true, today }
            : { owner: user, status: 'all_open' as const, today };
      const list = await listCommitments(ctx, filter);
      write(list.length ? list.map((c) => renderCommitmentLine(c, today)).join('\n') : 'Nothing here.');
      return;
    }
    case '/done': {
      const id = Number(args);
      if (!Number.isInteger(id) || id <= 0) {
        write('usage: /done <id>');
        return;
      }
      const done = await completeCommitment(ctx, id, user);
      write(`Done: ${renderCommitmentLine(done, today)}`);
      return;
    }
    case '/digest': {
      if (args !== 'preview') {
        write('usage: /digest preview   (schedules are set in Slack or with `minutebook digest schedule`)');
        return;
      }
      const result = await runDigestCommand(ctx, {
        channelId: CONSOLE_CHANNEL,
        userId: user,
        text: 'preview',
        now,
      });
      if (result.kind === 'preview') write(renderDigestText(result.digest));
      return;
    }
    case '/brief': {
      if (!args) {
        write('usage: /brief <counterpart or topic>, e.g. /brief Guangxi');
        return;
      }
      const brief = await composeBrief(ctx, args, {
        today,
        viewer: { userId: user, channelId: CONSOLE_CHANNEL },
      });
      write(renderBriefMarkdown(brief));
      return;
    }
    default:
      write(`Unknown command ${command}.\n${HELP}`);
  }
}

function isUserError(error: unknown): boolean {
  return error instanceof CommitmentError;
}
