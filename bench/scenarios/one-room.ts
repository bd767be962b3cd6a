import { runLoad, seedSpecFor, type LoadPlan } from '../lib/load';
import { generatorsFor, type Flags, type Log } from './flags';
import { onEachServer, summarize } from './side-by-side';

function plan(flags: Flags, editors: number, readers: number, full = flags.full): LoadPlan {
  return {
    docs: 1,
    editorsPerDoc: editors,
    readersPerDoc: readers,
    editIntervalMs: flags.intervalMs,
    charsPerEdit: flags.chars,
    warmupSeconds: flags.warmup ?? (flags.quick ? 1 : 3),
    seconds: flags.seconds ?? (flags.quick ? 3 : 10),
    full,
    awareness: flags.awareness,
    generators: generatorsFor(flags, editors + readers),
  };
}

/** One document, E editors and R readers: latency from send to arrival at every other client. */
export async function oneRoom(flags: Flags, log: Log) {
  const cases: [number, number][] =
    flags.editors !== undefined
      ? [[flags.editors, flags.readers ?? 0]]
      : flags.quick
        ? [[20, 20]]
        : [
            [50, 50],
            [100, 300],
            [300, 1000],
          ];
  const out: { editors: number; readers: number; full: boolean; results: Record<string, unknown> }[] = [];
  for (const [e, r] of cases) {
    const p = plan(flags, e, r);
    const results = await onEachServer(flags, `one-room-${e}+${r}`, seedSpecFor([p]), (s) => runLoad(s, p, log), log);
    for (const [k, v] of Object.entries(results)) log(`    ${summarize(k, v)}`);
    out.push({ editors: e, readers: r, full: p.full, results });
  }
  // Thin clients stand for full ones only if both measure the same at a load both can carry.
  const agreement: Record<string, unknown> = {};
  if (flags.editors === undefined) {
    for (const full of [false, true]) {
      const p = plan(flags, 10, 10, full);
      const results = await onEachServer(
        flags,
        `one-room-agreement-${full ? 'full' : 'thin'}`,
        seedSpecFor([p]),
        (s) => runLoad(s, p, log),
        log,
        flags.quick ? ['hallway'] : undefined,
      );
      for (const [k, v] of Object.entries(results)) log(`    ${full ? 'full' : 'thin'} ${summarize(k, v)}`);
      agreement[full ? 'full' : 'thin'] = results;
    }
  }
  return { cases: out, thinVersusFull: agreement };
}
