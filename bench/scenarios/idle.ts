import { runIdle, seedSpecFor, type LoadPlan } from '../lib/load';
import { generatorsFor, type Flags, type Log } from './flags';
import { onEachServer } from './side-by-side';

/** N idle connections over 500 documents: memory per connection, time to admit, idle CPU. */
export async function idle(flags: Flags, log: Log) {
  const connections = flags.connections ?? (flags.quick ? 1000 : 10_000);
  const docs = Math.min(500, Math.max(1, Math.floor(connections / 20)));
  const p: LoadPlan = {
    docs,
    editorsPerDoc: 0,
    readersPerDoc: Math.ceil(connections / docs),
    editIntervalMs: 1000,
    charsPerEdit: 1,
    warmupSeconds: 0,
    seconds: 0,
    full: false,
    generators: generatorsFor(flags, connections),
    idleOnly: true,
  };
  const results = await onEachServer(
    flags,
    `idle-${connections}`,
    seedSpecFor([p]),
    (s) => runIdle(s, p, 4, flags.quick ? 2 : 5, log),
    log,
  );
  for (const [k, v] of Object.entries(results)) {
    const r = v as { bytesPerConnection?: number; admitSeconds?: number; idleCpuCores?: number };
    log(
      `    ${k}: ${r.bytesPerConnection} B/connection, admitted in ${r.admitSeconds} s, idle CPU ${r.idleCpuCores} cores`,
    );
  }
  return { connections: p.docs * p.readersPerDoc, docs, results };
}
