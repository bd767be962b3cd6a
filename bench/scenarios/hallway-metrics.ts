import { METRICS_TOKEN, type RunningServer } from '../lib/servers';

/** A few counters from Hallway's /metrics (nothing for the peers, which have none). */
export async function hallwayMetrics(
  server: RunningServer,
  names: string[],
): Promise<Record<string, number> | undefined> {
  if (!server.isHallway) return undefined;
  const text = await (
    await fetch(`${server.httpUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  ).text();
  const out: Record<string, number> = {};
  for (const name of names) {
    let sum = 0;
    for (const m of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))) sum += Number(m[1]);
    out[name] = sum;
  }
  return out;
}
