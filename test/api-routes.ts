// Every route handler under app/api, found on disk, keyed `METHOD path` where path is the route's
// folder under app/api (`events/[slug]/rooms`). Tests that must cover every route start here.
import fs from 'node:fs';
import path from 'node:path';

export type RouteHandler = (req: Request, ctx: { params: Promise<object> }) => Promise<Response>;

const API_DIR = path.resolve(__dirname, '..', 'app', 'api');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return routeFiles(full);
    return d.name === 'route.ts' ? [full] : [];
  });
}

/** Imports every app/api/**\/route.ts and returns its exported HTTP methods. */
export async function discoverApiRoutes(): Promise<Map<string, RouteHandler>> {
  const out = new Map<string, RouteHandler>();
  for (const file of routeFiles(API_DIR).sort()) {
    const route = path.relative(API_DIR, path.dirname(file)).split(path.sep).join('/');
    const mod = (await import(file)) as Record<string, unknown>;
    for (const m of METHODS) if (typeof mod[m] === 'function') out.set(`${m} ${route}`, mod[m] as RouteHandler);
  }
  return out;
}

/** The dynamic segments of a route path (`[slug]`, `[...nextauth]`) by name. */
export function paramNames(route: string): string[] {
  return [...route.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!);
}
