import { runLoad, seedSpecFor, type LoadPlan } from '../lib/load';
import { generatorsFor, type Flags, type Log } from './flags';
import { onEachServer } from './side-by-side';

/** A full room after a Wi-Fi blip: every client drops at once and comes back; time until all are synced. */
export async function reconnect(flags: Flags, log: Log) {
  const clients = flags.connections ?? (flags.quick ? 200 : 1000);
  const editors = Math.min(20, Math.floor(clients / 10));
  const p: LoadPlan = {
    docs: 1,
    editorsPerDoc: editors,
    readersPerDoc: clients - editors,
    editIntervalMs: flags.intervalMs,
    charsPerEdit: flags.chars,
    warmupSeconds: 0,
    seconds: flags.quick ? 2 : 5,
    full: flags.full,
    generators: generatorsFor(flags, clients),
    reconnect: true,
  };
  const results = await onEachServer(flags, `reconnect-${clients}`, seedSpecFor([p]), (s) => runLoad(s, p, log), log);
  return { clients, results };
}
