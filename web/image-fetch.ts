// How the worker downloads a machine image: one fetch, read into a buffer of
// the announced size with progress reports, then un-gzipped when the bytes
// are a gzip stream (the images plugin stores images gzipped, names ending
// in `.gz`, so no server has to compress them while the page waits).
//
// Why sniff the bytes instead of trusting the name: a static host may serve
// a `.gz` file with `Content-Encoding: gzip`, and then the browser has
// already decompressed it. An ELF starts 7f 45, a sparse image 48 4b, gzip
// 1f 8b, so the first two bytes decide without ambiguity.
//
// Errors are thrown as Error with a message naming the image; the worker
// reports them as a failed boot.

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC_0 && bytes[1] === GZIP_MAGIC_1;
}

/** The name a user should see for an image file (`disk.sparse.gz` → `disk.sparse`). */
export function imageLabel(file: string): string {
  return file.endsWith('.gz') ? file.slice(0, -3) : file;
}

/** Decompress a gzip stream with the platform's DecompressionStream (browsers and Node ≥ 18). */
export async function gunzip(bytes: Uint8Array, label: string): Promise<Uint8Array> {
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (e) {
    throw new Error(`${label}: not a valid gzip stream (${(e as Error).message ?? e})`);
  }
}

/** Fetch `url` whole, reporting progress in tenths; un-gzip it when it is gzipped. */
export async function fetchImage(url: string, label: string, report: (text: string) => void): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${label}: HTTP ${response.status}`);
  const bytes = await readBody(response, label, report);
  return isGzip(bytes) ? gunzip(bytes, label) : bytes;
}

/** An image arriving: `head` resolves once its first bytes are in (decompressed), `whole` once all are. */
export interface ArrivingImage {
  head: Promise<Uint8Array>;
  whole: Promise<Uint8Array>;
}

/**
 * Fetch `url` as a stream, un-gzipping on the fly when it is gzipped, and
 * resolve `head` with the first `headBytes` bytes (or all of them, if fewer)
 * as soon as they are in: a sparse disk's header says how big the disk is
 * long before its blocks have arrived, so the machine can be built and
 * started meanwhile. Both promises reject with a message naming the image.
 */
export function fetchImageStreaming(url: string, label: string, report: (text: string) => void, headBytes: number): ArrivingImage {
  let giveHead: (bytes: Uint8Array) => void = () => {};
  let failHead: (e: Error) => void = () => {};
  const head = new Promise<Uint8Array>((resolve, reject) => { giveHead = resolve; failHead = reject; });
  const whole = (async () => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${label}: HTTP ${response.status}`);
    if (!response.body) return readBody(response, label, report);
    const total = response.headers.get('content-encoding') ? 0 : Number(response.headers.get('content-length') ?? 0);
    let received = 0;
    let lastPercent = -1;
    const counted = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, out) {
        received += chunk.length;
        const percent = total ? Math.floor((received * 100) / total) : -1;
        if (percent !== lastPercent && percent % 10 === 0) { lastPercent = percent; report(`fetching ${label}… ${percent}%`); }
        out.enqueue(chunk);
      },
    }));
    const chunks: Uint8Array[] = [];
    let length = 0;
    let headGiven = false;
    const reader = (await sniffAndInflate(counted)).getReader();
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (e) {
        throw new Error(`${label}: ${(e as Error).message ?? e}`);
      }
      const { done, value } = next;
      if (done) break;
      chunks.push(value);
      length += value.length;
      if (!headGiven && length >= headBytes) { headGiven = true; giveHead(concat(chunks, length)); }
    }
    const bytes = concat(chunks, length);
    if (!headGiven) giveHead(bytes);
    return bytes;
  })();
  whole.catch((e: Error) => failHead(e));
  return { head, whole };
}

/** The stream itself, or its un-gzipped form when its first two bytes are gzip's magic. */
async function sniffAndInflate(stream: ReadableStream<Uint8Array>): Promise<ReadableStream<Uint8Array>> {
  const reader = stream.getReader();
  const buffered: Uint8Array[] = [];
  let length = 0;
  let ended = false;
  while (length < 2 && !ended) {
    const { done, value } = await reader.read();
    if (done) ended = true;
    else { buffered.push(value); length += value.length; }
  }
  const rest = new ReadableStream<Uint8Array>({
    start(controller) { for (const b of buffered) controller.enqueue(b); if (ended) controller.close(); },
    async pull(controller) {
      if (ended) return;
      const { done, value } = await reader.read();
      if (done) { ended = true; controller.close(); } else controller.enqueue(value);
    },
    cancel(reason) { return reader.cancel(reason); },
  });
  if (!isGzip(concat(buffered, length))) return rest;
  return rest.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0].length === length) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

async function readBody(response: Response, label: string, report: (text: string) => void): Promise<Uint8Array> {
  // With Content-Encoding the announced length is the encoded one: read without a preset buffer.
  const total = response.headers.get('content-encoding') ? 0 : Number(response.headers.get('content-length') ?? 0);
  if (!response.body || !total) return new Uint8Array(await response.arrayBuffer());
  const out = new Uint8Array(total);
  const reader = response.body.getReader();
  let got = 0;
  let lastPercent = -1;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (got + value.length > out.length) throw new Error(`${label}: more bytes than announced`);
    out.set(value, got);
    got += value.length;
    const percent = Math.floor((got * 100) / total);
    if (percent !== lastPercent && percent % 10 === 0) { lastPercent = percent; report(`fetching ${label}… ${percent}%`); }
  }
  return got === total ? out : out.subarray(0, got);
}
