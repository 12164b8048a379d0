import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

const plain = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.)/i, '');

/** TRUSTED_PROXIES: addresses or CIDR ranges (`10.0.0.0/8, ::1`) of the reverse proxies in front of us. */
export function trustedProxies(list: string | undefined): BlockList {
  const blocks = new BlockList();
  for (const entry of (list ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [address = '', bits] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (!isIP(address)) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an address or a CIDR range.`);
    if (bits === undefined) blocks.addAddress(address, type);
    else blocks.addSubnet(address, Number(bits), type);
  }
  return blocks;
}

const isTrusted = (trusted: BlockList, address: string) =>
  isIP(address) !== 0 && trusted.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');

/**
 * The client's address: the socket's peer, or, when that peer is a trusted proxy, the right-most address in
 * X-Forwarded-For that is not itself a trusted proxy (what a client writes on the left is not believed).
 */
export function clientAddress(c: Context, trusted: BlockList): string {
  let peer: string;
  try {
    peer = plain(getConnInfo(c).remote.address ?? 'unknown');
  } catch {
    // Requests made in-process (tests) have no socket.
    return 'local';
  }
  if (!isTrusted(trusted, peer)) return peer;
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map(plain).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!isTrusted(trusted, hops[i]!)) return hops[i]!;
  return peer;
}

/** What a quota or limit counts: an IPv4 address, or an IPv6 /64 (one subscriber's usual allocation). */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
