import client from 'prom-client';
import { accessRowQueries } from '@/lib/collab/access-rows';

/** The collab server's Prometheus metrics, in a registry of its own (several servers may share a test process). */
export function createCollabMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'hallway_' });
  const m = {
    registry,
    connections: new client.Gauge({
      name: 'hallway_collab_connections',
      help: 'Open collab WebSocket connections',
      labelNames: ['mode'] as const,
      registers: [registry],
    }),
    documents: new client.Gauge({
      name: 'hallway_collab_documents_loaded',
      help: 'Documents held in memory',
      registers: [registry],
    }),
    updatesReceived: new client.Counter({
      name: 'hallway_collab_updates_received_total',
      help: 'Yjs updates received from clients and accepted',
      registers: [registry],
    }),
    updatesPersisted: new client.Counter({
      name: 'hallway_collab_updates_persisted_total',
      help: 'Yjs updates appended to the database log',
      registers: [registry],
    }),
    logRowsWritten: new client.Counter({
      name: 'hallway_collab_log_rows_written_total',
      help: 'Rows appended to DocUpdate (one per document per flush)',
      registers: [registry],
    }),
    persistLag: new client.Histogram({
      name: 'hallway_collab_persist_lag_seconds',
      help: 'Time from an update reaching the server to its commit in the log',
      // Fine around the 40 ms flush window and the 100 ms target: the bench reads percentiles from these.
      buckets: [0.005, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.125, 0.15, 0.2, 0.25, 0.5, 1, 5],
      registers: [registry],
    }),
    logWriterSeconds: new client.Histogram({
      name: 'hallway_collab_log_writer_seconds',
      help: 'Time the log writer spent on one request (append of a flush, compaction or load; on SQLite in its thread)',
      labelNames: ['op'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [registry],
    }),
    persistErrors: new client.Counter({
      name: 'hallway_collab_persist_errors_total',
      help: 'Failed log appends (retried)',
      registers: [registry],
    }),
    unsavedUpdates: new client.Gauge({
      name: 'hallway_collab_unsaved_updates',
      help: 'Accepted updates not yet appended to the database log (buffered while the database is away)',
      registers: [registry],
    }),
    unsavedBytes: new client.Gauge({
      name: 'hallway_collab_unsaved_bytes',
      help: 'Bytes of accepted updates not yet appended to the database log',
      registers: [registry],
    }),
    unsavedBytesLimit: new client.Gauge({
      name: 'hallway_collab_unsaved_bytes_limit',
      help: 'COLLAB_MAX_UNSAVED_BYTES: past it, new edits are refused until the database is back',
      registers: [registry],
    }),
    databaseAvailable: new client.Gauge({
      name: 'hallway_collab_database_available',
      help: '1 while appends to the update log succeed, 0 after repeated failures (health answers 503)',
      registers: [registry],
    }),
    compactions: new client.Counter({
      name: 'hallway_collab_compactions_total',
      help: 'Document compactions',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    readOnlyDropped: new client.Counter({
      name: 'hallway_collab_readonly_updates_dropped_total',
      help: 'Updates sent by read-only connections and dropped',
      registers: [registry],
    }),
    closed: new client.Counter({
      name: 'hallway_collab_connections_closed_total',
      help: 'Connections closed by the server, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    refused: new client.Counter({
      name: 'hallway_collab_upgrades_refused_total',
      help: 'Upgrade requests refused, by HTTP status',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    redisPublishErrors: new client.Counter({
      name: 'hallway_collab_redis_publish_errors_total',
      help: 'Failed Redis publishes',
      registers: [registry],
    }),
    accessRechecks: new client.Counter({
      name: 'hallway_collab_access_rechecks_total',
      help:
        'Access re-check passes: full (every open connection asked about), opened (access epoch unchanged: ' +
        'only newcomers admitted at another epoch) or skipped (nothing to ask)',
      labelNames: ['pass'] as const,
      registers: [registry],
    }),
    accessRowQueries: new client.Counter({
      name: 'hallway_access_row_queries_total',
      help: 'SQL queries made by this process for access decisions (upgrades and re-checks; lib/collab/access-rows.ts)',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(accessRowQueries());
      },
    }),
    broadcastBatch: new client.Histogram({
      name: 'hallway_collab_broadcast_batch_updates',
      help: 'Client updates merged into one broadcast',
      buckets: [1, 2, 5, 10, 20, 50, 100, 300],
      registers: [registry],
    }),
  };
  return m;
}

export type CollabMetrics = ReturnType<typeof createCollabMetrics>;
