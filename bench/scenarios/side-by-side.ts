import fs from 'node:fs';
import path from 'node:path';
import type { SeedSpec } from '../lib/hallway-seed';
import { startServer, type RunningServer, type ServerKind } from '../lib/servers';
import type { Flags, Log } from './flags';

/**
 * Runs `body` once per server and round, each time on a freshly started server (and a fresh
 * database for Hallway), so every server meets the same workload on a fresh document. Rounds
 * alternate the order (A B C, C B A, ...) so a burst of noise from other work on the machine
 * does not always land on the same server; a server's figure is its median round by p99.
 */
export async function onEachServer<T>(
  flags: Flags,
  label: string,
  seed: SeedSpec,
  body: (server: RunningServer) => Promise<T>,
  log: Log,
  only?: ServerKind[],
): Promise<Record<string, Result<T>>> {
  const runs = new Map<string, (T | { error: string })[]>();
  const kinds = flags.servers.filter((k) => !only || only.some((o) => k === o || k.startsWith(`${o}-`)));
  for (let round = 0; round < Math.max(1, flags.rounds); round++) {
    const order = round % 2 === 0 ? kinds : [...kinds].reverse();
    for (const kind of order) {
      let server: RunningServer | null = null;
      // One folder per case and server: Node names each thread's profile itself (tsx's loader
      // runs in a worker thread of its own; the server's work is in the main thread's file).
      const profileDir = flags.profileDir ? path.join(flags.profileDir, `${label}-${kind}-r${round + 1}`) : null;
      const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
      if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
      let result: T | { error: string };
      try {
        log(`  ${kind}: ${label}${flags.rounds > 1 ? ` (round ${round + 1})` : ''}`);
        server = await startServer(kind, structuredClone(seed), {
          hallwayMode: flags.hallwayMode,
          hallwayRoot: flags.hallwayRoot,
          postgres: flags.postgres,
          nodeFlags,
        });
        result = await body(server);
      } catch (err) {
        log(`    failed: ${(err as Error).message.split('\n')[0]}`);
        result = { error: (err as Error).message.slice(0, 2000) };
      } finally {
        await server?.stop();
      }
      if (!runs.has(kind)) runs.set(kind, []);
      runs.get(kind)!.push(result);
    }
  }
  const out: Record<string, Result<T>> = {};
  for (const [kind, list] of runs) {
    const ok = list.filter((r): r is T => !(r as { error?: string }).error);
    if (ok.length === 0) {
      out[kind] = list[0]!;
      continue;
    }
    const p99 = (r: T) => (r as { latencyMs?: { p99: number } }).latencyMs?.p99 ?? 0;
    const sorted = [...ok].sort((a, b) => p99(a) - p99(b));
    const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
    out[kind] = list.length > 1 ? { ...median, rounds: list.length, roundsP99: ok.map(p99) } : median;
  }
  return out;
}

type Result<T> = T | { error: string } | (T & { rounds: number; roundsP99: number[] });

export function summarize(kind: string, r: unknown): string {
  const x = r as {
    latencyMs?: { p50: number; p99: number; max: number };
    lostArrivals?: number;
    converged?: boolean;
    serverCpuCores?: number;
    serverPeakRssMB?: number;
    generators?: { cpuCores: number; eventLoopDelayP99Ms: number }[];
    persistLagMs?: { p50: number; p99: number };
    error?: string;
  };
  if (x.error) return `${kind}: error`;
  if (!x.latencyMs) return kind;
  // A saturated generator shows here: its CPU near a core or its event-loop delay near the latencies.
  const gens = x.generators ?? [];
  const genCpu = gens.reduce((n, g) => n + g.cpuCores, 0).toFixed(2);
  const genLag = Math.max(0, ...gens.map((g) => g.eventLoopDelayP99Ms));
  return (
    `${kind}: p50 ${x.latencyMs.p50} ms, p99 ${x.latencyMs.p99} ms, max ${x.latencyMs.max} ms, ` +
    `lost ${x.lostArrivals}, converged ${x.converged}, ` +
    `server ${x.serverCpuCores} cores, peak ${x.serverPeakRssMB} MB; ${gens.length} generators ${genCpu} cores, lag p99 ≤ ${genLag} ms` +
    (x.persistLagMs ? `; persisted p50 ≤ ${x.persistLagMs.p50} ms, p99 ≤ ${x.persistLagMs.p99} ms` : '')
  );
}
