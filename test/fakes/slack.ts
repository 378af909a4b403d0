import { FakeHttpServer, type RecordedRequest } from './http.ts';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
}

type SlackMethodHandler = (args: Record<string, unknown>, call: SlackCall) => Record<string, unknown>;

/**
 * A fake Slack Web API on 127.0.0.1: point `@slack/web-api` at `fake.apiUrl` (slackApiUrl option or
 * SLACK_API_URL). Methods answer `{ ok: true, … }` from sensible defaults or `on(method, handler)`;
 * a method with neither is recorded as unhandled and answers `{ ok: false, error: 'unknown_method' }`.
 */
/** A file uploaded through files.uploadV2 (the three steps of Slack's external upload). */
export interface UploadedFile {
  id: string;
  filename: string;
  /** The bytes POSTed to the upload URL, as text. */
  content: string;
  /** Set once files.completeUploadExternal shared it. */
  channelId?: string;
  title?: string;
  initialComment?: string;
}

export class FakeSlack extends FakeHttpServer {
  private readonly methods = new Map<string, SlackMethodHandler>();
  private nextTs = 1_700_000_000;
  private readonly files = new Map<string, UploadedFile>();

  constructor() {
    super();
    const postLike: SlackMethodHandler = (args) => ({
      channel: args.channel,
      ts: this.newTs(),
      message: { text: args.text, blocks: args.blocks },
    });
    this.on('chat.postMessage', postLike);
    this.on('chat.postEphemeral', () => ({ message_ts: this.newTs() }));
    this.on('chat.update', (args) => ({ channel: args.channel, ts: args.ts, text: args.text }));
    this.on('chat.getPermalink', (args) => ({
      permalink: `https://example.slack.com/archives/${args.channel}/p${String(args.message_ts).replace('.', '')}`,
    }));
    this.on('auth.test', () => ({ user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'minutebook' }));
    this.on('users.info', (args) => ({
      user: { id: args.user, tz: 'Asia/Ho_Chi_Minh', real_name: `User ${args.user}` },
    }));
    this.on('conversations.open', (args) => ({
      channel: { id: `D${String(args.users).replace(/\W/g, '')}` },
    }));
    // A public channel for C… ids, a DM for D… ids; tests override it for private channels.
    this.on('conversations.info', (args) => ({
      channel: {
        id: args.channel,
        is_channel: String(args.channel).startsWith('C'),
        is_im: String(args.channel).startsWith('D'),
        is_private: !String(args.channel).startsWith('C'),
      },
    }));
    this.on('views.open', () => ({ view: { id: 'V1' } }));
    this.on('views.update', () => ({ view: { id: 'V1' } }));
    this.on('views.publish', () => ({ view: { id: 'V1' } }));
    this.on('files.getUploadURLExternal', (args) => {
      const id = `F${this.files.size + 1}`;
      this.files.set(id, { id, filename: String(args.filename), content: '' });
      this.route(`POST /upload/${id}`, async (request) => {
        // The SDK posts the bytes as multipart form data, like a browser upload.
        const form = await new Response(request.rawBody, {
          headers: { 'content-type': String(request.headers['content-type']) },
        }).formData();
        const part = [...form.values()].find((value) => typeof value !== 'string');
        if (!part) return { status: 400, body: 'no file in the upload' };
        this.files.get(id)!.content = await part.text();
        return { body: `OK - ${part.size}` };
      });
      return { upload_url: `${this.url}/upload/${id}`, file_id: id };
    });
    this.on('files.completeUploadExternal', (args) => {
      const shared = (args.files as { id: string; title?: string }[]).map(({ id, title }) => {
        const file = this.files.get(id);
        if (!file) throw new Error(`files.completeUploadExternal: unknown file ${id}`);
        Object.assign(file, {
          title,
          channelId: args.channel_id as string | undefined,
          initialComment: args.initial_comment as string | undefined,
        });
        return { id, title };
      });
      return { files: shared };
    });
  }

  /** Files uploaded so far (content and where they were shared). */
  uploadedFiles(): UploadedFile[] {
    return [...this.files.values()];
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** Replaces a method's reply; the handler returns the body without `ok` (added unless present). */
  on(method: string, handler: SlackMethodHandler): this {
    this.methods.set(method, handler);
    this.route(`POST /api/${method}`, (request) => this.reply(method, request));
    return this;
  }

  calls(method?: string): SlackCall[] {
    return this.requests
      .filter((request) => request.path.startsWith('/api/'))
      .map((request) => toCall(request))
      .filter((call) => method === undefined || call.method === method);
  }

  newTs(): string {
    this.nextTs += 1;
    return `${this.nextTs}.000100`;
  }

  private reply(method: string, request: RecordedRequest) {
    const call = toCall(request);
    const body = this.methods.get(method)!(call.args, call);
    return { body: { ok: true, ...body } };
  }
}

function toCall(request: RecordedRequest): SlackCall {
  const raw = (request.body ?? {}) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    // The SDK form-encodes objects as JSON strings.
    if (typeof value === 'string' && /^[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // Not JSON after all: keep the string.
      }
    }
    args[key] = value;
  }
  const auth = request.headers.authorization;
  return {
    method: request.path.replace(/^\/api\//, ''),
    args,
    token: typeof auth === 'string' ? auth.replace(/^Bearer /, '') : (args.token as string | undefined),
  };
}
