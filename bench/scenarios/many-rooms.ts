import { runLoad, seedSpecFor, type LoadPlan } from '../lib/load';
import { generatorsFor, type Flags, type Log } from './flags';
import { onEachServer, summarize } from './side-by-side';

/** Many sessions at once: N documents × 4 editors, one edit every 2 s each. */
export async function manyRooms(flags: Flags, log: Log) {
  const rooms = flags.rooms ?? (flags.quick ? 50 : 500);
  const p: LoadPlan = {
    docs: rooms,
    editorsPerDoc: 4,
    readersPerDoc: 0,
    editIntervalMs: 2000,
    charsPerEdit: flags.chars,
    warmupSeconds: flags.warmup ?? (flags.quick ? 2 : 4),
    seconds: flags.seconds ?? (flags.quick ? 4 : 20),
    full: flags.full,
    awareness: flags.awareness,
    generators: generatorsFor(flags, rooms * 4),
  };
  const results = await onEachServer(flags, `many-rooms-${rooms}x4`, seedSpecFor([p]), (s) => runLoad(s, p, log), log);
  for (const [k, v] of Object.entries(results)) log(`    ${summarize(k, v)}`);
  return { rooms, editorsPerRoom: 4, editIntervalMs: 2000, results };
}
