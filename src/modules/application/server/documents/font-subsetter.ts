// HarfBuzz (subset-font) cuts the glyphs a document uses out of a 15 MB font. Its WebAssembly memory grows to
// about 100 MB and never shrinks, so it runs in a worker thread started on demand and stopped after a quiet
// half minute: a server holds that memory only while it is issuing documents. Cold, a subset takes ~150 ms.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const IDLE_MS = 30_000;

// Plain CommonJS evaluated in the worker, so the worker needs no TypeScript loader.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFile } = require('node:fs/promises');
const subsetFont = require(workerData.subsetFont);
parentPort.on('message', async ({ id, fontFile, text }) => {
  try {
    const subset = await subsetFont(await readFile(fontFile), text, { targetFormat: 'truetype', noLayoutClosure: true });
    parentPort.postMessage({ id, subset });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.stack || error) });
  }
});`;

interface Pending {
  resolve(subset: Uint8Array): void;
  reject(error: Error): void;
}

let worker: Worker | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function failAll(error: Error) {
  for (const request of pending.values()) request.reject(error);
  pending.clear();
  worker = undefined;
}

function startWorker(): Worker {
  const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { subsetFont: require.resolve('subset-font') } });
  started.on('message', ({ id, subset, error }: { id: number; subset?: Uint8Array; error?: string }) => {
    const request = pending.get(id);
    pending.delete(id);
    if (error !== undefined) request?.reject(new Error(`Font subsetting failed: ${error}`));
    else request?.resolve(subset!);
    if (pending.size === 0) becomeIdle(started);
  });
  started.on('error', (error) => failAll(error));
  started.on('exit', (code) => {
    if (worker === started) failAll(new Error(`The font subsetting worker stopped (exit code ${code})`));
  });
  return started;
}

function becomeIdle(idle: Worker) {
  idle.unref(); // an idle worker does not keep the process alive
  idleTimer = setTimeout(() => {
    if (worker === idle && pending.size === 0) {
      worker = undefined;
      void idle.terminate();
    }
  }, IDLE_MS).unref();
}

/** The font at `fontFile` cut down to the glyphs of `text` (TrueType bytes). */
export function subsetFontFile(fontFile: string, text: string): Promise<Uint8Array> {
  clearTimeout(idleTimer);
  worker ??= startWorker();
  worker.ref();
  const id = nextId++;
  const target = worker;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    target.postMessage({ id, fontFile, text });
  });
}
