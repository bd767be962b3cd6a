import { coldLoad } from './cold-load';
import { exportScenario } from './export';
import type { Flags, Log } from './flags';
import { idle } from './idle';
import { longHistory } from './long-history';
import { manyRooms } from './many-rooms';
import { oneRoom } from './one-room';
import { reconnect } from './reconnect';

export type { Flags } from './flags';

export const SCENARIOS: Record<string, (flags: Flags, log: Log) => Promise<unknown>> = {
  'one-room': oneRoom,
  'many-rooms': manyRooms,
  idle,
  reconnect,
  'long-history': longHistory,
  'cold-load': coldLoad,
  export: exportScenario,
};
export type ScenarioName = keyof typeof SCENARIOS;
