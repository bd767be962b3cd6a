import { runLoad, seedSpecFor, type LoadPlan } from '../lib/load';
import { hallwayMetrics } from './hallway-metrics';
import { generatorsFor, type Flags, type Log } from './flags';
import { onEachServer, summarize } from './side-by-side';

/**
 * One room on a document that already holds many edits (15,000 by default, typed through the
 * server so Hallway compacts along the way), with full-client editors: thin editors would insert
 * with no neighbours in a long document and make Yjs scan it, which measures the trap, not the server.
 */
export async function longHistory(flags: Flags, log: Log) {
  const history = flags.quick ? 2000 : 15_000;
  const prefillEditors = 10;
  const prefillInterval = 20;
  const prefill: LoadPlan = {
    docs: 1,
    editorsPerDoc: prefillEditors,
    readersPerDoc: 0,
    editIntervalMs: prefillInterval,
    charsPerEdit: flags.chars,
    warmupSeconds: 0,
    // Editors fall behind their timers under load: a fifth more time so the history reaches its target.
    seconds: Math.ceil((1.2 * history * prefillInterval) / prefillEditors / 1000),
    full: true,
    generators: 2,
  };
  const e = flags.editors ?? (flags.quick ? 10 : 30);
  const r = flags.readers ?? (flags.quick ? 10 : 30);
  const measure: LoadPlan = {
    docs: 1,
    editorsPerDoc: e,
    readersPerDoc: r,
    editIntervalMs: flags.intervalMs,
    charsPerEdit: flags.chars,
    warmupSeconds: flags.warmup ?? (flags.quick ? 1 : 3),
    seconds: flags.seconds ?? (flags.quick ? 3 : 10),
    full: true,
    generators: generatorsFor(flags, e + r),
  };
  const results = await onEachServer(
    flags,
    `long-history-${history}`,
    seedSpecFor([prefill, measure]),
    async (server) => {
      const docNames = [server.seed?.docNames[0] ?? `long-history-${Date.now().toString(36)}`];
      const filled = await runLoad(server, { ...prefill, docNames }, log);
      log(`    history: ${filled.editsSent} edits typed, lost ${filled.lostArrivals}`);
      const result = await runLoad(server, { ...measure, docNames }, log);
      log(`    ${summarize(server.kind, result)}`);
      return {
        historyEdits: filled.editsSent,
        historyLost: filled.lostArrivals,
        metrics: await hallwayMetrics(server, ['hallway_collab_compactions_total']),
        ...result,
      };
    },
    log,
  );
  return { historyTarget: history, results };
}
