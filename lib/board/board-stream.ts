import type { Actor } from '@/lib/policies';
import { loadEventAccess } from '@/lib/events/event-access';
import { boardEvents } from './board-events';

const HEARTBEAT_MS = 15_000;

/**
 * A Server-Sent Events response that sends `change` whenever the event's board changes on any
 * node. Access is checked when the stream opens (404 for an event the caller may not see); the
 * events carry only what changed, and browsers fetch the new state with their own rights.
 */
export async function openBoardStream(actor: Actor | null, slug: string, signal: AbortSignal): Promise<Response> {
  const { event } = await loadEventAccess(actor, { slug });
  const bus = boardEvents();
  await bus.start().catch(() => undefined);
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      // `retry` makes a dropped connection come back quickly; the first event confirms the subscription.
      send(`retry: 2000\nevent: ready\ndata: {}\n\n`);
      const unsubscribe = bus.subscribe(event.id, (change) =>
        send(
          `event: change\ndata: ${JSON.stringify({ kind: change.kind, sessionId: change.sessionId ?? null, at: change.at })}\n\n`,
        ),
      );
      const heartbeat = setInterval(() => send(`: keep-alive\n\n`), HEARTBEAT_MS);
      let done = false;
      cleanup = () => {
        if (done) return;
        done = true;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      signal.addEventListener('abort', () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      // no-transform keeps compression from buffering the stream; proxies must not buffer it either.
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    },
  });
}
