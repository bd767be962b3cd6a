import type http from 'node:http';
import { rateLimitKeyForAddress, resolveClientAddress } from '@/lib/http/client-address';
import type { CollabConfig } from './config';
import type { CollabIdentity } from './context';

/** Who an admitted connection is counted as. */
export interface Admission {
  subject: string;
  /** Client address key, for anonymous connections only (their tokens are free to get). */
  addressKey: string | null;
}

/**
 * Connection limits of one node: per document, per user (token subject) and, for anonymous
 * connections, per client address (IPv6 per /64).
 */
export class ConnectionLimiter {
  private readonly perUser = new Map<string, number>();
  private readonly perAddress = new Map<string, number>();

  constructor(private readonly config: CollabConfig) {}

  /** The refusal message, or the admission to count once the connection is open. */
  admit(
    req: http.IncomingMessage,
    identity: CollabIdentity,
    connectionsToDoc: number,
  ): { refused: string } | { admission: Admission } {
    if (connectionsToDoc >= this.config.maxConnectionsPerDoc)
      return { refused: 'too many connections to this document' };
    if ((this.perUser.get(identity.subject) ?? 0) >= this.config.maxConnectionsPerUser)
      return { refused: 'too many connections for this user' };
    let addressKey: string | null = null;
    if (identity.userId === null) {
      const address = resolveClientAddress(
        req.socket.remoteAddress,
        req.headers['x-forwarded-for'],
        this.config.trustedProxyHops,
      );
      addressKey = rateLimitKeyForAddress(address);
      if ((this.perAddress.get(addressKey) ?? 0) >= this.config.maxAnonymousConnectionsPerAddress) {
        return { refused: 'too many anonymous connections from this address: sign in' };
      }
    }
    return { admission: { subject: identity.subject, addressKey } };
  }

  opened(a: Admission): void {
    this.perUser.set(a.subject, (this.perUser.get(a.subject) ?? 0) + 1);
    if (a.addressKey) this.perAddress.set(a.addressKey, (this.perAddress.get(a.addressKey) ?? 0) + 1);
  }

  /** Returns true when this was the subject's last connection on this node. */
  closed(a: Admission): boolean {
    if (a.addressKey) decrement(this.perAddress, a.addressKey);
    return decrement(this.perUser, a.subject);
  }
}

function decrement(map: Map<string, number>, key: string): boolean {
  const left = (map.get(key) ?? 1) - 1;
  if (left > 0) {
    map.set(key, left);
    return false;
  }
  map.delete(key);
  return true;
}
