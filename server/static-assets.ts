import fs from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

// Next.js compresses every response as it goes, so each cold visitor's scripts were gzipped again:
// ~20 ms of the server's CPU for the notes page's largest chunk alone, while a room full of people
// opens the same page at once. The build's static files never change (their names carry a hash), so
// each is compressed once, on the thread pool, and kept: gzip and Brotli. Brotli at quality 5 costs
// what gzip -9 does (65 ms for a whole build's 1.9 MB of scripts) and is 6 % smaller; quality 11
// would save 8 % more but took 2.4 s of CPU, which on two cores slowed the first page views after a
// start by seconds. Everything else still goes to Next.js.

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};
/** Larger files (none in a normal build) are left to Next.js rather than held in memory. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
const PREFIX = '/_next/static/';

interface Entry {
  /** Size and modification time of the file the bytes were made from. */
  stamp: string;
  gzip: Promise<Buffer>;
  br: Promise<Buffer>;
}

type Encoding = 'br' | 'gzip';

/** The encodings a request accepts, best first (q=0 refuses one). */
function acceptedEncodings(header: string | string[] | undefined): Encoding[] {
  const accepted = new Set<string>();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return (['br', 'gzip'] as const).filter((e) => accepted.has(e));
}

export interface StaticAssets {
  /** Answers the request and returns true when it is a compressible static file of the build. */
  serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean>;
}

/** Serves `<distDir>/static/**` (the URL path `/_next/static/**`) compressed once per file. */
export function staticAssets(distDir: string): StaticAssets {
  const root = path.resolve(distDir, 'static');
  const cache = new Map<string, Entry>();

  const entryFor = (file: string, stamp: string): Entry => {
    const known = cache.get(file);
    if (known?.stamp === stamp) return known;
    const raw = fs.readFile(file);
    const entry: Entry = {
      stamp,
      gzip: raw.then((b) => gzip(b, { level: 9 })),
      br: raw.then((b) =>
        brotli(b, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length },
        }),
      ),
    };
    // A failed read is tried again next time (Next.js answers this one).
    Promise.all([entry.gzip, entry.br]).catch(() => cache.get(file) === entry && cache.delete(file));
    cache.set(file, entry);
    return entry;
  };

  return {
    async serve(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const pathname = (req.url ?? '').split('?')[0] ?? '';
      if (!pathname.startsWith(PREFIX)) return false;
      const encodings = acceptedEncodings(req.headers['accept-encoding']);
      if (encodings.length === 0) return false;
      let relative: string;
      try {
        relative = decodeURIComponent(pathname.slice(PREFIX.length));
      } catch {
        return false;
      }
      const file = path.resolve(root, relative);
      if (!file.startsWith(root + path.sep)) return false; // `..` or an absolute path: not ours
      const type = TYPES[path.extname(file).toLowerCase()];
      if (!type) return false;
      const stat = await fs.stat(file).catch(() => null);
      if (!stat?.isFile() || stat.size > MAX_FILE_BYTES) return false;

      const stamp = `${stat.size}-${stat.mtimeMs}`;
      const entry = entryFor(file, stamp);
      const encoding: Encoding = encodings[0]!;
      const body = await entry[encoding].catch(() => null);
      if (!body) return false;
      const etag = `"${stamp}-${encoding}"`;
      const headers = {
        'content-type': type,
        'cache-control': 'public, max-age=31536000, immutable',
        'content-encoding': encoding,
        vary: 'Accept-Encoding',
        etag,
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
        return true;
      }
      res.writeHead(200, { ...headers, 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    },
  };
}
