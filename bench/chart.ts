// Draws p99 latency against editors for each server from a one-room results file, as an SVG
// (log scale: the servers differ by orders of magnitude at the top end).
//   npx tsx bench/chart.ts bench/results/<one-room>.json docs/performance-one-room-p99.svg
import fs from 'node:fs';

interface Case {
  editors: number;
  readers: number;
  results: Record<string, { latencyMs?: { p99: number }; lostArrivals?: number; error?: string }>;
}

const [input, output] = process.argv.slice(2);
const report = JSON.parse(fs.readFileSync(input!, 'utf8')) as {
  date: string;
  results: { 'one-room': { cases: Case[] } };
};
const cases = report.results['one-room'].cases;
const servers = [...new Set(cases.flatMap((c) => Object.keys(c.results)))];
const colors: Record<string, string> = {
  hallway: '#2563eb',
  'hallway-app': '#2563eb',
  'hallway-collab': '#7c3aed',
  hocuspocus: '#d97706',
  'y-websocket': '#6b7280',
};

const W = 640;
const H = 380;
const M = { left: 70, right: 150, top: 40, bottom: 60 };
const points = cases.flatMap((c) =>
  Object.values(c.results)
    .map((r) => r.latencyMs?.p99)
    .filter((v): v is number => typeof v === 'number' && v > 0),
);
const yMin = 10 ** Math.floor(Math.log10(Math.min(...points)));
const yMax = 10 ** Math.ceil(Math.log10(Math.max(...points)));
const x = (i: number) => M.left + ((W - M.left - M.right) * i) / Math.max(1, cases.length - 1);
const y = (v: number) =>
  M.top + (H - M.top - M.bottom) * (1 - (Math.log10(v) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin)));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const parts: string[] = [];
parts.push(
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}"` +
    ` font-family="system-ui, sans-serif" font-size="12">`,
);
parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
parts.push(
  `<text x="${M.left}" y="22" font-size="14" font-weight="600">One document: p99 latency (send → every other client) by editors</text>`,
);
for (let v = yMin; v <= yMax; v *= 10) {
  parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/>`);
  parts.push(
    `<text x="${M.left - 8}" y="${y(v) + 4}" text-anchor="end" fill="#374151">${v >= 1000 ? `${v / 1000} s` : `${v} ms`}</text>`,
  );
}
cases.forEach((c, i) => {
  parts.push(
    `<text x="${x(i)}" y="${H - M.bottom + 18}" text-anchor="middle" fill="#374151">${c.editors} + ${c.readers}</text>`,
  );
});
parts.push(
  `<text x="${(M.left + W - M.right) / 2}" y="${H - 18}" text-anchor="middle" fill="#374151">` +
    `editors + readers (thin clients, 4 characters every 400 ms per editor)</text>`,
);
servers.forEach((s, si) => {
  const color = colors[s] ?? '#111827';
  const pts = cases
    .map((c, i) => ({ i, v: c.results[s]?.latencyMs?.p99 }))
    .filter((p): p is { i: number; v: number } => typeof p.v === 'number' && p.v > 0);
  if (pts.length > 1)
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2.5" points="${pts.map((p) => `${x(p.i)},${y(p.v)}`).join(' ')}"/>`,
    );
  for (const p of pts)
    parts.push(
      `<circle cx="${x(p.i)}" cy="${y(p.v)}" r="4" fill="${color}"><title>${esc(s)}: ${p.v} ms</title></circle>`,
    );
  const ly = M.top + 10 + si * 22;
  parts.push(
    `<line x1="${W - M.right + 16}" x2="${W - M.right + 40}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2.5"/>`,
  );
  parts.push(`<text x="${W - M.right + 46}" y="${ly + 4}">${esc(s)}</text>`);
});
parts.push(
  `<text x="${W - M.right + 16}" y="${H - M.bottom}" fill="#6b7280" font-size="10">${esc(report.date.slice(0, 16))} UTC</text>`,
);
parts.push('</svg>');
fs.writeFileSync(output!, parts.join('\n') + '\n');
console.log(`wrote ${output}`);
