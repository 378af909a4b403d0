import { lookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { SkipError } from './types.ts';

export interface FetchedFile {
  name: string;
  bytes: Uint8Array;
  mimeType?: string;
}

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  /** Hosts, addresses or CIDR ranges that may be fetched although not public, or '*' (INGEST_ALLOW_PRIVATE_HOSTS). */
  allowPrivateHosts?: readonly string[];
}

const MAX_REDIRECTS = 5;

/** How a refused range is named in the skip reason. */
const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  carrierGradeNat: 'carrier-grade NAT',
  multicast: 'multicast',
  broadcast: 'broadcast',
  unspecified: 'unspecified',
  uniqueLocal: 'unique local',
  deprecatedSiteLocal: 'site-local',
};

/**
 * Downloads a URL with a timeout and a size limit (checked on Content-Length and while streaming).
 * Every hop (the URL and each redirect) is resolved first and refused unless all its addresses are
 * public unicast ones (or allowed by allowPrivateHosts); the connection then goes to exactly those
 * checked addresses, so a DNS answer that changes between check and connect cannot reach another host.
 */
export async function fetchUrl(url: string, limits: FetchLimits): Promise<FetchedFile> {
  const { timeoutMs, maxBytes } = limits;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let target = new URL(url);
    for (let redirects = 0; ; redirects++) {
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        throw new SkipError(`refused: redirect to an unsupported URL scheme (${target.protocol})`);
      }
      const addresses = await checkedAddresses(target, limits.allowPrivateHosts ?? []);
      let response: IncomingMessage;
      try {
        response = await get(target, addresses, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) throw new SkipError(`download timed out after ${timeoutMs} ms`);
        throw new SkipError(`download failed: ${describe(error)}`);
      }
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.destroy();
        if (redirects >= MAX_REDIRECTS)
          throw new SkipError(`download failed: more than ${MAX_REDIRECTS} redirects`);
        target = new URL(location, target);
        continue;
      }
      if (status < 200 || status >= 300) {
        response.destroy();
        throw new SkipError(`download failed: HTTP ${status}`);
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        response.destroy();
        throw new SkipError(`too large: ${declared} bytes (limit ${maxBytes})`);
      }
      const bytes = await readBounded(response, maxBytes, () =>
        controller.signal.aborted ? `download timed out after ${timeoutMs} ms` : undefined,
      );
      const mimeType = response.headers['content-type'] ?? undefined;
      return { name: path.posix.basename(target.pathname) || 'index', bytes, mimeType };
    }
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads a body, stopping as soon as it exceeds maxBytes: leaving the loop early closes the stream (and
 * its connection), so a body without a Content-Length is never read past the limit.
 */
export async function readBounded(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  abortReason: () => string | undefined = () => undefined,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const part of body) {
      size += part.byteLength;
      if (size > maxBytes) throw new SkipError(`too large: more than ${maxBytes} bytes`);
      parts.push(part);
    }
  } catch (error) {
    if (error instanceof SkipError) throw error;
    const reason = abortReason();
    if (reason) throw new SkipError(reason);
    throw new SkipError(`download failed: ${describe(error)}`);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

interface Address {
  address: string;
  family: 4 | 6;
}

/** The addresses a hop may connect to: all of the host's, each public or explicitly allowed. */
async function checkedAddresses(target: URL, allowed: readonly string[]): Promise<Address[]> {
  const host = target.hostname.replace(/^\[|\]$/g, '');
  let addresses: Address[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })) as Address[];
    } catch (error) {
      throw new SkipError(`download failed: ${describe(error)}`);
    }
    if (addresses.length === 0) throw new SkipError(`download failed: ${host} has no address`);
  }
  if (allowed.includes('*') || allowed.some((entry) => entry.toLowerCase() === host.toLowerCase())) {
    return addresses;
  }
  for (const { address } of addresses) {
    const range = publicRange(address);
    if (range === 'unicast' || allowedAddress(address, allowed)) continue;
    const shown = ipaddr.process(address).toString();
    throw new SkipError(
      `refused: ${shown}${host === shown ? '' : ` (${host})`} is not a public address ` +
        `(${RANGE_NAMES[range] ?? range}); INGEST_ALLOW_PRIVATE_HOSTS allows intranet hosts`,
    );
  }
  return addresses;
}

/** 'unicast' for a public address, else the name of its special range (IPv4-mapped IPv6 counts as IPv4). */
function publicRange(address: string): string {
  return ipaddr.process(address).range();
}

function allowedAddress(address: string, allowed: readonly string[]): boolean {
  const parsed = ipaddr.process(address);
  return allowed.some((entry) => {
    try {
      if (entry.includes('/')) {
        const [network, bits] = ipaddr.parseCIDR(entry);
        return parsed.kind() === network.kind() && parsed.match(network, bits);
      }
      return ipaddr.isValid(entry) && ipaddr.process(entry).toString() === parsed.toString();
    } catch {
      return false;
    }
  });
}

/** One GET that connects only to the given, already checked, addresses. */
function get(target: URL, addresses: Address[], signal: AbortSignal): Promise<IncomingMessage> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
  const request = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(target, {
      method: 'GET',
      lookup: pinned,
      // A fresh connection per hop: never a pooled socket opened for an earlier check.
      agent: false,
      signal,
      headers: { accept: 'text/html, text/plain, text/markdown, application/pdf, */*;q=0.5' },
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? (error as { code?: string }).code ?? cause?.message ?? error.message;
  }
  return String(error);
}
