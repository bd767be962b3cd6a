import fs from 'node:fs';
import type { SeedSpec } from '../lib/hallway-seed';
import { startServer, type RunningServer, type ServerKind } from '../lib/servers';
import type { Flags, Log } from './flags';

/**
 * Runs `body` once per server, in the order given, each time on a freshly started server (and a
 * fresh database for Hallway), so every server meets the same workload on a fresh document.
 */
export async function onEachServer<T>(flags: Flags, label: string, seed: SeedSpec, body: (server: RunningServer) => Promise<T>, log: Log, only?: ServerKind[]): Promise<Record<string, T | { error: string }>> {
  const out: Record<string, T | { error: string }> = {};
  for (const kind of flags.servers) {
    if (only && !only.includes(kind)) continue;
    let server: RunningServer | null = null;
    const nodeFlags = flags.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${flags.profileDir}`, `--cpu-prof-name=${label}-${kind}-${Date.now()}.cpuprofile`] : [];
    if (flags.profileDir) fs.mkdirSync(flags.profileDir, { recursive: true });
    try {
      log(`  ${kind}: ${label}`);
      server = await startServer(kind, seed, { hallwayMode: flags.hallwayMode, postgres: flags.postgres, nodeFlags });
      out[kind] = await body(server);
    } catch (err) {
      log(`    failed: ${(err as Error).message.split('\n')[0]}`);
      out[kind] = { error: (err as Error).message.slice(0, 2000) };
    } finally {
      await server?.stop();
    }
  }
  return out;
}

export function summarize(kind: string, r: unknown): string {
  const x = r as { latencyMs?: { p50: number; p99: number; max: number }; lostArrivals?: number; converged?: boolean; serverCpuCores?: number; serverPeakRssMB?: number; error?: string };
  if (x.error) return `${kind}: error`;
  if (!x.latencyMs) return kind;
  return `${kind}: p50 ${x.latencyMs.p50} ms, p99 ${x.latencyMs.p99} ms, max ${x.latencyMs.max} ms, lost ${x.lostArrivals}, converged ${x.converged}, server ${x.serverCpuCores} cores, peak ${x.serverPeakRssMB} MB`;
}
