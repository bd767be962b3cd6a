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

/**
 * Percentiles of one of Hallway's Prometheus histograms (e.g. the persistence lag, arrival to
 * commit in the log), in milliseconds: each is the upper bound of the bucket it falls in, so the
 * figure errs high by at most one bucket's width.
 */
export async function hallwayHistogramMs(
  server: RunningServer,
  name: string,
  /** One label the series must have, as Prometheus prints it, e.g. `op="append"`. */
  labels = '',
): Promise<{ p50: number; p99: number; max: number; count: number } | undefined> {
  if (!server.isHallway) return undefined;
  const text = await (
    await fetch(`${server.httpUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  ).text();
  const buckets: [number, number][] = [];
  for (const m of text.matchAll(new RegExp(`^${name}_bucket\\{([^}]*)\\} (\\S+)$`, 'gm'))) {
    const set = m[1]!.split(',');
    if (labels && !set.includes(labels)) continue;
    const le = set.find((l) => l.startsWith('le='))!.slice(4, -1);
    buckets.push([le === '+Inf' ? Infinity : Number(le) * 1000, Number(m[2])]);
  }
  buckets.sort((a, b) => a[0] - b[0]);
  const count = buckets.at(-1)?.[1] ?? 0;
  if (count === 0) return { p50: 0, p99: 0, max: 0, count };
  const at = (q: number) => buckets.find(([, c]) => c >= q * count)![0];
  return { p50: at(0.5), p99: at(0.99), max: at(1), count };
}
