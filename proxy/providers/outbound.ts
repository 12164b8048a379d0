import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { ProviderId } from '../../src/lib/core/providers';
import { ProviderError } from './provider-error';

/**
 * Where a provider's result links may point. `hosts` are the provider's documented file hosts, reached only over
 * HTTPS at public addresses; a `*.` prefix matches any subdomain. `origins` are exact origins an operator trusts
 * (a gateway, a local fake): any scheme and address, because the operator named them.
 */
export interface ResultHostPolicy {
  hosts: readonly string[];
  origins: readonly string[];
}

/** Addresses a result link may never reach, checked on the address actually connected to. */
const forbidden = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3]
] as const)
  forbidden.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96]
] as const)
  forbidden.addSubnet(network, prefix, 'ipv6');

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    const mapped = address.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
    if (mapped?.[1]) return isPublicAddress(mapped[1]);
    return !forbidden.check(address, 'ipv6');
  }
  return !forbidden.check(address, 'ipv4');
}

/** A DNS lookup that fails for private, loopback and link-local answers, so the socket never opens to one. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as LookupAddress[];
    const bad = list.find((entry) => !isPublicAddress(entry.address));
    if (bad || !list.length) {
      const refused = Object.assign(new Error(`${hostname} resolves to a non-public address`), {
        code: 'ERESULTHOST'
      });
      return callback(refused, '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    const first = list[0] as LookupAddress;
    callback(null, first.address, first.family);
  });
};

const hostMatches = (pattern: string, host: string) =>
  pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern;

/** Why a link is refused, or undefined when it may be fetched (and whether its address must be public). */
export function checkResultUrl(
  raw: string,
  policy: ResultHostPolicy
): { url: URL; trusted: boolean } | { refused: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { refused: 'the result link is not a URL' };
  }
  if (url.username || url.password) return { refused: 'the result link carries credentials' };
  if (policy.origins.includes(url.origin)) return { url, trusted: true };
  if (url.protocol !== 'https:') return { refused: `the result link is not HTTPS (${url.protocol})` };
  const host = url.hostname.toLowerCase();
  if (isIP(host.replace(/^\[|\]$/g, '')))
    return { refused: 'the result link names an address instead of the provider’s host' };
  if (!policy.hosts.some((pattern) => hostMatches(pattern, host)))
    return { refused: `the result link's host ${host} is not one of the provider's file hosts` };
  return { url, trusted: false };
}

export interface ResultDownload {
  /** A Node stream read with backpressure: the socket is paused while the store catches up. */
  body: AsyncIterable<Uint8Array>;
  contentType: string;
}

const MAX_REDIRECTS = 3;

function decoded(response: IncomingMessage): Readable {
  switch ((response.headers['content-encoding'] ?? 'identity').toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return response.pipe(createGunzip());
    case 'deflate':
      return response.pipe(createInflate());
    case 'br':
      return response.pipe(createBrotliDecompress());
    default:
      return response;
  }
}

function get(url: URL, trusted: boolean, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      {
        method: 'GET',
        signal,
        headers: { 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'image-studio-proxy' },
        ...(trusted ? {} : { lookup: publicOnlyLookup })
      },
      resolve
    );
    request.on('error', reject);
    request.end();
  });
}

/**
 * Fetches a result link under the policy: every hop (redirects followed by hand, at most three) is checked
 * against the allow-list before any connection, untrusted hosts only at public addresses. Answers the decoded
 * body as a stream (the caller counts it against the size cap, so a gzip bomb is stopped by what it inflates
 * to) and the declared Content-Type, which the caller does not trust.
 */
export async function fetchResult(
  provider: ProviderId,
  link: string,
  policy: ResultHostPolicy,
  signal: AbortSignal
): Promise<ResultDownload> {
  let current = link;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const checked = checkResultUrl(current, policy);
    if ('refused' in checked)
      throw new ProviderError(provider, 'bad_response', `${checked.refused}; it was not fetched.`);
    let response: IncomingMessage;
    try {
      response = await get(checked.url, checked.trusted, signal);
    } catch (error) {
      if (signal.aborted) throw new ProviderError(provider, 'timeout', 'the result did not arrive in time.');
      if ((error as { code?: string }).code === 'ERESULTHOST')
        throw new ProviderError(
          provider,
          'bad_response',
          'the result link resolves to a private address; it was not fetched.'
        );
      throw new ProviderError(provider, 'upstream_failed', 'the result file could not be reached.');
    }
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      current = new URL(response.headers.location, checked.url).toString();
      continue;
    }
    if (status !== 200) {
      response.resume();
      throw new ProviderError(
        provider,
        status >= 500 ? 'upstream_failed' : 'bad_response',
        `the result file answered HTTP ${status}.`
      );
    }
    const body = decoded(response);
    if (body !== response) response.on('error', (error) => body.destroy(error));
    return {
      body,
      contentType: String(response.headers['content-type'] ?? '').split(';')[0] ?? ''
    };
  }
  throw new ProviderError(provider, 'bad_response', 'the result link redirected too many times.');
}
