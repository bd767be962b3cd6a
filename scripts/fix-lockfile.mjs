// The npm registry reachable from these machines lacks some other-platform builds of native
// packages (darwin, win32, android… variants of @next/swc, @tailwindcss/oxide, @unrs/resolver-
// binding). npm then lists them as optional dependencies in package-lock.json without entries
// for them, and `npm ci` refuses the lock ("Missing: … from lock file"). This drops such
// dangling optional names so the lock describes what can be installed; run it after any
// `npm install` that rewrites the lock (.ci/run runs it before `npm ci` as well).
import fs from 'node:fs';
const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const pk = lock.packages;
let dropped = [];
function resolves(from, name) {
  // Node resolution: walk up from the parent's node_modules.
  let dir = from;
  for (;;) {
    const p = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (pk[p]) return true;
    if (!dir) return false;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i < 0 ? '' : dir.slice(0, i);
  }
}
for (const [path, meta] of Object.entries(pk)) {
  if (!meta.optionalDependencies) continue;
  for (const name of Object.keys(meta.optionalDependencies)) {
    if (!resolves(path, name)) {
      delete meta.optionalDependencies[name];
      dropped.push(name);
    }
  }
  if (Object.keys(meta.optionalDependencies).length === 0) delete meta.optionalDependencies;
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`dropped ${dropped.length}: ${dropped.join(' ')}`);
