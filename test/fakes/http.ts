import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  rawBody: string;
  /** HTTP status of the reply, once sent. */
  status?: number;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait before replying (timeouts). */
  delayMs?: number;
  /** A body written piece by piece, chunked (no Content-Length), until it ends or the client goes away. */
  stream?: AsyncIterable<string | Uint8Array>;
}

export type FakeHandler = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

/**
 * A real HTTP server on 127.0.0.1 for testing SDKs end to end. Routes are `METHOD /path`; any request
 * without a route answers 599 and is kept in `unhandled`, and `assertNoUnhandled()` fails the test.
 */
export class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  readonly unhandled: RecordedRequest[] = [];
  private readonly routes = new Map<string, FakeHandler>();
  private readonly queued = new Map<string, FakeReply[]>();
  private readonly outages = new Map<string, { reply: FakeReply; until: number }>();
  private server: Server | undefined;
  url = '';

  route(key: string, handler: FakeHandler): this {
    this.routes.set(key, handler);
    return this;
  }

  /** Replies used once each, in order, before the route's handler (e.g. a 429 then success). */
  queue(key: string, ...replies: FakeReply[]): this {
    this.queued.set(key, [...(this.queued.get(key) ?? []), ...replies]);
    return this;
  }

  /** For the next `ms` milliseconds every request to `key` gets `reply` (a 429 or 5xx window). */
  outage(key: string, reply: FakeReply, ms: number): this {
    this.outages.set(key, { reply, until: Date.now() + ms });
    return this;
  }

  requestsTo(key: string): RecordedRequest[] {
    const [method, path] = key.split(' ');
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  /** Listens on 127.0.0.1: a free port, or the one given (to bring a service back on the same address). */
  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(error) } }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  assertNoUnhandled(): void {
    if (this.unhandled.length > 0) {
      const list = this.unhandled.map((request) => `${request.method} ${request.path}`).join(', ');
      throw new Error(`fake server received unhandled requests: ${list}`);
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body: parseBody(rawBody, req.headers['content-type']),
      rawBody,
    };
    this.requests.push(request);
    const key = `${request.method} ${path}`;
    const queued = this.queued.get(key);
    const handler = this.routes.get(key);
    const outage = this.outages.get(key);
    let reply: FakeReply;
    if (outage && Date.now() < outage.until) reply = outage.reply;
    else if (queued && queued.length > 0) reply = queued.shift()!;
    else if (handler) reply = await handler(request);
    else {
      this.unhandled.push(request);
      reply = { status: 599, body: { error: `no fake route for ${key}` } };
    }
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (res.destroyed) return;
    if (reply.stream) {
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/octet-stream', ...reply.headers });
      for await (const piece of reply.stream) {
        if (res.destroyed) break;
        if (!res.write(piece))
          await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
      }
      res.end();
      return;
    }
    const body =
      reply.body === undefined
        ? ''
        : typeof reply.body === 'string'
          ? reply.body
          : JSON.stringify(reply.body);
    request.status = reply.status ?? 200;
    res.writeHead(request.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(body);
  }
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!raw) return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    const form = Object.fromEntries(new URLSearchParams(raw));
    return form;
  }
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
