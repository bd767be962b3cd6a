import { AppError } from '@/lib/errors';

/** Largest Markdown accepted for one session's notes. */
export const MAX_SESSION_IMPORT_BYTES = 512 * 1024;
/** Largest Markdown file accepted for a whole event. */
export const MAX_EVENT_IMPORT_BYTES = 2 * 1024 * 1024;

const MARKDOWN_TYPES = new Set(['text/markdown', 'text/x-markdown', 'text/plain']);

/**
 * Reads a request body that must be Markdown text: the right content type, at most `maxBytes`,
 * valid UTF-8 without NUL bytes (so a binary file sent as text/plain is refused too).
 */
export async function readMarkdownBody(req: Request, maxBytes: number): Promise<string> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!MARKDOWN_TYPES.has(type))
    throw new AppError('bad_request', 'Send the notes as Content-Type: text/markdown', 'content-type');
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('bad_request', 'The file is not UTF-8 text: is it really Markdown?');
  }
  if (text.includes('\u0000')) throw new AppError('bad_request', 'The file holds binary data, not Markdown');
  return text.replace(/^\uFEFF/, '');
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('bad_request', `Markdown larger than ${Math.round(maxBytes / 1024)} KB is not accepted`);
}
