import http from 'node:http';
import { env } from '@/lib/env';
import { checkHealth, registerRedisCheck, registerWritesCheck } from '@/lib/health';
import { COLLAB_PATH } from '@/lib/collab/protocol';
import { logger } from '@/lib/logger';
import { exitOnSignals } from './shutdown';
import { applyKeepAlive } from './http-keep-alive';
import { createCollabServer } from './collab/collab-server';
import { exitOnStartFailure, prepareProcess } from './prepare-process';
import { guardMetrics } from './metrics-access';

// `npm run start:collab`: the collaboration server alone (/collab, /metrics, /health), for
// deployments that scale it apart from the web app.

async function main(): Promise<void> {
  await prepareProcess();
  const e = env();
  const collab = await createCollabServer();
  if (collab.redisCheck) registerRedisCheck(collab.redisCheck);
  registerWritesCheck(collab.writesCheck);

  const metrics = guardMetrics((req, res) => collab.metricsHandler(req, res));
  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/metrics') return void metrics(req, res);
    if (pathname === '/health' || pathname === '/api/health') {
      void checkHealth().then((report) => {
        res.writeHead(report.status === 'ok' ? 200 : 503, {
          'content-type': 'application/json',
          'cache-control': 'no-store',
        });
        res.end(JSON.stringify(report));
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  applyKeepAlive(server);
  server.on('upgrade', (req, socket, head) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (pathname === COLLAB_PATH || pathname.startsWith(COLLAB_PATH + '/'))
      return collab.handleUpgrade(req, socket, head);
    socket.destroy();
  });
  const port = e.COLLAB_PORT ?? e.PORT;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, e.HOST, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  logger.info({ port: actualPort, redis: Boolean(e.REDIS_URL) }, 'collab server listening');

  exitOnSignals(async () => {
    server.close();
    await collab.close();
    server.closeAllConnections();
  });
}

main().catch(exitOnStartFailure);
