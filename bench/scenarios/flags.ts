import type { ServerKind } from '../lib/servers';

export interface Flags {
  servers: ServerKind[];
  quick: boolean;
  seconds?: number;
  warmup?: number;
  intervalMs: number;
  chars: number;
  generators?: number;
  full: boolean;
  awareness: boolean;
  postgres: boolean;
  hallwayMode: 'app' | 'collab';
  hallwayRoot?: string;
  editors?: number;
  readers?: number;
  rooms?: number;
  connections?: number;
  profileDir?: string;
  /** Times each case runs per server, alternating the order. */
  rounds: number;
}

export type Log = (line: string) => void;

/** Generator processes for a client count: enough that none saturates first, no more than the machine can run. */
export function generatorsFor(flags: Flags, clients: number): number {
  if (flags.generators) return flags.generators;
  return clients <= 200 ? 2 : clients <= 1000 ? 3 : 4;
}
