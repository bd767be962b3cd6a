import type { Flags, Log } from './flags';
import { idle } from './idle';
import { manyRooms } from './many-rooms';
import { oneRoom } from './one-room';

export type { Flags } from './flags';

export const SCENARIOS: Record<string, (flags: Flags, log: Log) => Promise<unknown>> = {
  'one-room': oneRoom,
  'many-rooms': manyRooms,
  idle,
};
export type ScenarioName = keyof typeof SCENARIOS;
