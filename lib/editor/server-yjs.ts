import type * as YType from 'yjs';

// The Next.js server bundle runs in the same process as the collab server (server/main.ts, which
// loads Yjs as CommonJS). An ESM `import 'yjs'` from the bundle would load Yjs a second time
// ("Yjs was already imported", broken instanceof checks), so server code in the bundle takes
// the very same CommonJS instance through require (yjs is in next.config serverExternalPackages).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: one Yjs per process
export const Y = require('yjs') as typeof YType;
