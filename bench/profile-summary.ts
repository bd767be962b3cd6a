// Summarises a V8 .cpuprofile (from `npm run bench -- ... --profile DIR`): self time by function
// and by file, and total (inclusive) time of the heaviest frames, so hot spots can be named with
// numbers. Usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top=25]
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file!, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const short = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/.*node_modules\//, '')
    .replace(/.*\/(wt-[^/]+|main)\//, '');
const label = (n: Node) =>
  `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const totalUs = profile.endTime - profile.startTime;
let idleUs = 0;
const self = new Map<string, number>();
const files = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  if (n.callFrame.functionName === '(idle)') idleUs += us;
  self.set(label(n), (self.get(label(n)) ?? 0) + us);
  const f = n.callFrame.url ? short(n.callFrame.url).split(':')[0]! : `(${n.callFrame.functionName})`;
  files.set(f, (files.get(f) ?? 0) + us);
  // Inclusive time: every distinct frame on the stack gets the sample once.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (seen.has(l)) continue;
    seen.add(l);
    inclusive.set(l, (inclusive.get(l) ?? 0) + us);
  }
}
const busy = totalUs - idleUs;
const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / busy).toFixed(1).padStart(5)} %`;
console.log(
  `profile ${(totalUs / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s (percentages are of busy time)`,
);
const print = (title: string, m: Map<string, number>, skip = (_: string) => false) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m]
    .filter(([k]) => !skip(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    console.log(`${ms(v)}  ${k}`);
};
print('self time by function', self, (k) => k.startsWith('(idle)'));
print('self time by file', files, (k) => k === '(idle)');
print('inclusive time', inclusive, (k) => k.startsWith('(root)') || k.startsWith('(idle)'));
