// One load-generator process (forked by the coordinator): opens its share of the clients, makes
// its editors type, times every edit's arrival at every client it holds, and reports counts,
// a latency histogram, its own CPU and event-loop delay. Every loop is bounded by the
// coordinator's deadline; the process exits when told to or when its parent goes.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { Histogram } from './histogram';
import { connectRaw, type RawSocket } from './raw-websocket';
import type { ClientSpec, FromGenerator, GeneratorOptions, GeneratorStats, SendRecord, ToGenerator } from './ipc';
import { awarenessMessage, hocuspocusAuthMessage, readMessage, STEP1, syncMessage, UPDATE } from './wire';
import * as encoding from 'lib0/encoding';

const now = () => performance.timeOrigin + performance.now();
const send = (m: FromGenerator) => process.send?.(m);

interface Known {
  starts: number[];
  ends: number[];
  times: number[];
  doc: number;
}
/** Every edit any editor made, as far as this process has heard. */
const known = new Map<number, Known>();
/** Arrivals whose edits we have not heard of yet: resolved when their send records come in. */
const waiting = new Map<number, { rx: Client; to: number; at: number }[]>();
const histogram = new Histogram();
let arrivals = 0;
let sends = 0;
let measureFrom = Infinity;
let closing = false;

class Client {
  ws: RawSocket | null = null;
  synced = false;
  failed = false;
  closedByServer = 0;
  syncStartedAt = 0;
  syncMs = -1;
  /** Per editor client id: how many of its edits have arrived here. */
  readonly idx = new Map<number, number>();
  readonly doc: Y.Doc | null;
  private paragraphText: Y.XmlText | null = null;
  private onSynced: (() => void) | null = null;

  constructor(
    readonly spec: ClientSpec,
    private readonly options: GeneratorOptions,
  ) {
    const needsDoc = options.full || spec.role === 'editor';
    this.doc = needsDoc ? new Y.Doc() : null;
    if (this.doc && spec.role === 'editor') this.doc.clientID = spec.clientId;
  }

  get ownClient(): number {
    return this.spec.role === 'editor' ? this.spec.clientId : -1;
  }

  connect(): Promise<void> {
    return new Promise((resolve) => {
      let settled = false;
      const done = () => {
        if (!settled) {
          settled = true;
          resolve();
        }
      };
      this.synced = false;
      this.onSynced = done;
      this.syncStartedAt = now();
      const url =
        this.spec.dialect === 'hocuspocus'
          ? this.spec.url
          : `${this.spec.url}/${this.spec.doc}${this.spec.token ? `?token=${this.spec.token}` : ''}`;
      const ws: RawSocket = connectRaw(url, {
        onOpen: () => {
          const { dialect, doc } = this.spec;
          if (dialect === 'hocuspocus') ws.send(hocuspocusAuthMessage(doc, this.spec.token ?? 'bench'));
          ws.send(syncMessage(dialect, doc, STEP1, new Uint8Array([0])));
        },
        onMessage: (data) => this.onMessage(data),
        onClose: (_code, byServer) => {
          if (byServer && !closing && this.ws === ws) this.closedByServer++;
          if (!this.synced) this.failed = true;
          done();
        },
      });
      this.ws = ws;
    });
  }

  private onMessage(data: Uint8Array): void {
    // Hot path (hundreds of thousands a second at high load): a thin client's sync update that
    // carries one edit is timed from its first bytes, without decoder objects.
    if (!this.options.full && this.synced && this.fastUpdate(data)) return;
    let m;
    try {
      m = readMessage(this.spec.dialect, data);
    } catch {
      return;
    }
    if (m.kind === 'step1') {
      // Answer the server's step 1 as a provider does, so it knows we are in sync.
      if (this.ws?.open) {
        const state =
          this.doc && this.spec.role === 'editor' ? Y.encodeStateAsUpdate(this.doc, m.payload) : new Uint8Array([0, 0]);
        this.ws.send(syncMessage(this.spec.dialect, this.spec.doc, 1, state));
      }
      return;
    }
    if (m.kind !== 'step2' && m.kind !== 'update') return;
    const at = now();
    this.arrived(m.payload, at);
    // A copy: the payload is a view into the socket's read buffer (raw-websocket.ts), and a
    // document may keep views of what it applies.
    if (this.options.full && this.doc) Y.applyUpdate(this.doc, m.payload.slice(), 'remote');
    if (m.kind === 'step2' && !this.synced) {
      this.synced = true;
      this.syncMs = at - this.syncStartedAt;
      this.onSynced?.();
    }
  }

  /** Handles [docName] 0 2 <len> 1 1 <client> <clock> ... directly; false when the message is anything else. */
  private fastUpdate(data: Uint8Array): boolean {
    let pos = 0;
    const varUint = (): number => {
      let n = 0;
      let mult = 1;
      for (;;) {
        const b = data[pos++];
        if (b === undefined) return -1;
        n += (b & 0x7f) * mult;
        if (b < 0x80) return n;
        mult *= 128;
        if (mult > 2 ** 53) return -1;
      }
    };
    if (this.spec.dialect === 'hocuspocus') {
      const nameLength = varUint();
      if (nameLength < 0) return false;
      pos += nameLength;
    }
    if (data[pos] !== 0 || data[pos + 1] !== 2) return false;
    pos += 2;
    if (varUint() < 0 || data[pos] !== 1 || data[pos + 1] !== 1) return false;
    pos += 2;
    const client = varUint();
    const clock = varUint();
    if (client < 0 || clock < 0) return false;
    if (client !== this.ownClient) resolveArrival(this, client, clock + 1, now());
    return true;
  }

  private arrived(update: Uint8Array, at: number): void {
    // Most updates carry one edit of one client: its id and first clock are in the header, and
    // the edit that starts there is the one that arrived. Anything else is parsed in full.
    const d = decoding.createDecoder(update);
    if (decoding.readVarUint(d) === 1 && decoding.readVarUint(d) === 1) {
      const client = decoding.readVarUint(d);
      if (client !== this.ownClient) resolveArrival(this, client, decoding.readVarUint(d) + 1, at);
      return;
    }
    const meta = Y.parseUpdateMeta(update);
    for (const [client, to] of meta.to) {
      if (client === this.ownClient) continue;
      resolveArrival(this, client, to, at);
    }
  }

  /** One edit: the first creates this editor's paragraph; each adds `charsPerEdit` characters to it. */
  edit(docIndex: number): SendRecord | null {
    const doc = this.doc;
    const ws = this.ws;
    if (!doc || !ws || !ws.open || !this.synced) return null;
    const chars = Math.random()
      .toString(36)
      .slice(2, 2 + this.options.charsPerEdit)
      .padEnd(this.options.charsPerEdit, 'x');
    const start = Y.getState(doc.store, doc.clientID);
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') update = u;
    };
    doc.on('update', capture);
    doc.transact(() => {
      if (!this.paragraphText) {
        const paragraph = new Y.XmlElement('paragraph');
        this.paragraphText = new Y.XmlText();
        paragraph.insert(0, [this.paragraphText]);
        doc.getXmlFragment('default').push([paragraph]);
      }
      this.paragraphText.insert(this.paragraphText.length, chars);
    });
    doc.off('update', capture);
    if (!update) return null;
    const at = now();
    ws.send(syncMessage(this.spec.dialect, this.spec.doc, UPDATE, update));
    if (this.options.awareness)
      ws.send(awarenessMessage(this.spec.dialect, this.spec.doc, this.cursor(this.paragraphText!.length)));
    return [doc.clientID, start, Y.getState(doc.store, doc.clientID), at, docIndex];
  }

  private awarenessClock = 0;

  /** This editor's presence as y-protocols encodes it: one client, its clock and a JSON state. */
  private cursor(offset: number): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, this.spec.clientId);
    encoding.writeVarUint(e, ++this.awarenessClock);
    encoding.writeVarString(
      e,
      JSON.stringify({
        user: { name: `Editor ${this.spec.clientId}`, color: '#2563eb' },
        cursor: { anchor: offset, head: offset },
      }),
    );
    return encoding.toUint8Array(e);
  }

  checksum(): string {
    if (!this.doc) return '';
    return `${this.doc.getXmlFragment('default').toString().length}:${Buffer.from(Y.encodeStateVector(this.doc)).toString('base64')}`;
  }
}

function resolveArrival(rx: Client, client: number, to: number, at: number): boolean {
  const k = known.get(client);
  let i = rx.idx.get(client) ?? 0;
  if (k) {
    while (i < k.starts.length && k.starts[i]! < to) {
      if (k.times[i]! >= measureFrom) histogram.add(at - k.times[i]!);
      arrivals++;
      i++;
    }
    rx.idx.set(client, i);
  }
  const covered = k && i > 0 ? k.ends[i - 1]! : 0;
  if (to > covered) {
    let list = waiting.get(client);
    if (!list) waiting.set(client, (list = []));
    list.push({ rx, to, at });
    return false;
  }
  return true;
}

function learn(records: SendRecord[]): void {
  const touched = new Set<number>();
  for (const [client, start, end, at, doc] of records) {
    let k = known.get(client);
    if (!k) known.set(client, (k = { starts: [], ends: [], times: [], doc }));
    k.starts.push(start);
    k.ends.push(end);
    k.times.push(at);
    touched.add(client);
  }
  for (const client of touched) {
    const list = waiting.get(client);
    if (!list) continue;
    waiting.delete(client);
    for (const w of list) resolveArrival(w.rx, client, w.to, w.at);
  }
}

const clients: Client[] = [];
let options: GeneratorOptions;
const eld = monitorEventLoopDelay({ resolution: 5 });
eld.enable();
let cpuAtStart = process.cpuUsage();

async function connectAll(list: Client[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const c = list[next++]!;
      await c.connect();
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.connectConcurrency, list.length) }, worker));
}

function stats(): GeneratorStats {
  const cpu = process.cpuUsage(cpuAtStart);
  let converged = 0;
  for (const c of clients) {
    let ok = c.synced;
    for (const [client, k] of known) {
      if (client === c.ownClient || k.doc !== c.spec.docIndex) continue;
      if ((c.idx.get(client) ?? 0) !== k.starts.length) ok = false;
    }
    if (ok) converged++;
  }
  return {
    connected: clients.filter((c) => c.ws?.open).length,
    synced: clients.filter((c) => c.synced).length,
    failed: clients.filter((c) => c.failed).length,
    closedByServer: clients.reduce((n, c) => n + c.closedByServer, 0),
    arrivals,
    sends,
    histogram: { counts: histogram.counts, total: histogram.total, max: histogram.max },
    converged,
    checksums: options?.full ? [...new Set(clients.map((c) => `${c.spec.docIndex}/${c.checksum()}`))] : [],
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    eventLoopDelayP99Ms: eld.percentile(99) / 1e6,
    eventLoopDelayMaxMs: eld.max / 1e6,
    syncMs: clients.map((c) => c.syncMs),
  };
}

function startEditing(untilEpochMs: number): void {
  const editors = clients.filter((c) => c.spec.role === 'editor');
  let pending: SendRecord[] = [];
  const flushSends = () => {
    if (pending.length === 0) return;
    learn(pending);
    send({ type: 'sends', records: pending });
    pending = [];
  };
  const flushTimer = setInterval(flushSends, 10);
  for (const e of editors) {
    // Editors start out of phase, as people do.
    const phase = Math.random() * options.editIntervalMs;
    const maxEdits = Math.ceil((untilEpochMs - now()) / options.editIntervalMs) + 1;
    let made = 0;
    const tick = () => {
      if (closing || now() >= untilEpochMs || made >= maxEdits) return;
      made++;
      const r = e.edit(e.spec.docIndex);
      if (r) {
        sends++;
        pending.push(r);
      }
      setTimeout(tick, options.editIntervalMs);
    };
    setTimeout(tick, phase);
  }
  setTimeout(
    () => {
      flushSends();
      clearInterval(flushTimer);
    },
    Math.max(0, untilEpochMs - now()) + options.editIntervalMs + 50,
  );
}

process.on('message', (m: ToGenerator) => {
  switch (m.type) {
    case 'connect':
      {
        options = m.options;
        const added = m.clients.map((s) => new Client(s, options));
        clients.push(...added);
        void connectAll(added).then(() => send({ type: 'connected', stats: stats() }));
      }
      return;
    case 'edit':
      measureFrom = m.measureFromEpochMs;
      eld.reset();
      cpuAtStart = process.cpuUsage();
      startEditing(m.untilEpochMs);
      return;
    case 'sends':
      learn(m.records);
      return;
    case 'reconnect': {
      // Everyone drops at once (as after a Wi-Fi blip) and comes straight back.
      for (const c of clients) {
        const ws = c.ws;
        c.ws = null;
        ws?.terminate();
      }
      const saved = options.connectConcurrency;
      void connectAll(clients).then(() => {
        options.connectConcurrency = saved;
        send({ type: 'reconnected', stats: stats() });
      });
      return;
    }
    case 'report':
      send({ type: 'report', stats: stats() });
      return;
    case 'close':
      closing = true;
      for (const c of clients) c.ws?.terminate();
      setTimeout(() => process.exit(0), 50);
      return;
  }
});
process.on('disconnect', () => process.exit(0));
// A generator never outlives its run, whatever happens to the coordinator.
setTimeout(() => process.exit(2), Number(process.env.BENCH_GENERATOR_MAX_MS ?? 30 * 60_000)).unref();
send({ type: 'ready' });
