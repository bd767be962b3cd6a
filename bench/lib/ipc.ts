// Messages between the coordinator (bench/run.ts) and its load-generator processes.
import type { Dialect } from './wire';

export interface ClientSpec {
  /** Unique across the run. */
  id: number;
  /** An editor's Yjs client id, unique across every plan run on one server. */
  clientId: number;
  url: string;
  doc: string;
  dialect: Dialect;
  token?: string;
  role: 'editor' | 'reader';
  /** Index of `doc` in the run, carried by send records. */
  docIndex: number;
}

export interface GeneratorOptions {
  /** Full clients apply every update to a real Y.Doc; thin ones read only update headers. */
  full: boolean;
  editIntervalMs: number;
  charsPerEdit: number;
  /** Editors also announce a cursor (an awareness update) with every edit. */
  awareness: boolean;
  /** Connections opened at once while admitting. */
  connectConcurrency: number;
}

/** One edit leaving an editor: its client id, clock range and the epoch time it was sent. */
export type SendRecord = [client: number, start: number, end: number, at: number, docIndex: number];

export type ToGenerator =
  | { type: 'connect'; clients: ClientSpec[]; options: GeneratorOptions }
  | { type: 'edit'; untilEpochMs: number; measureFromEpochMs: number }
  | { type: 'sends'; records: SendRecord[] }
  | { type: 'reconnect' }
  | { type: 'report' }
  | { type: 'close' };

export interface GeneratorStats {
  connected: number;
  synced: number;
  failed: number;
  closedByServer: number;
  /** Edit arrivals counted (each edit once per receiving client). */
  arrivals: number;
  sends: number;
  histogram: { counts: number[]; total: number; max: number };
  converged: number;
  checksums: string[];
  cpuSeconds: number;
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  syncMs: number[];
}

export type FromGenerator =
  | { type: 'ready' }
  | { type: 'connected'; stats: GeneratorStats }
  | { type: 'sends'; records: SendRecord[] }
  | { type: 'reconnected'; stats: GeneratorStats }
  | { type: 'report'; stats: GeneratorStats };
