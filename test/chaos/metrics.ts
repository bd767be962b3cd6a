/** The token the chaos tests start the server with: /metrics may be hidden without one. */
export const METRICS_TOKEN = 'chaos-metrics-token-0123456789';

/** Sum of a Prometheus counter or gauge (all label sets) from a server's /metrics; throws when absent. */
export async function metricValue(port: number, name: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  let sum = 0;
  let found = false;
  for (const m of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))) {
    sum += Number(m[1]);
    found = true;
  }
  if (!found) throw new Error(`/metrics has no ${name}`);
  return sum;
}

export async function healthStatus(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/health`);
  await res.arrayBuffer();
  return res.status;
}
