// HTTP load with autocannon from this process (the server runs in a child): request bodies are varied per request.
import autocannon, { type Instance } from 'autocannon';

export interface LoadOptions {
  url: string;
  path: string;
  method?: 'GET' | 'POST';
  /** the next request's JSON body (called once per request) */
  body?: () => string;
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
  /** requests per second across all connections (unlimited when absent) */
  overallRate?: number;
}

export interface LoadResult {
  /** successful (2xx) responses per second */
  throughput: number;
  p50: number;
  p99: number;
  ok: number;
  /** non-2xx responses, connection errors and timeouts */
  errors: number;
}

export function startLoad(options: LoadOptions): Instance {
  const headers = { ...(options.body ? { 'content-type': 'application/json' } : {}), ...options.headers };
  const body = options.body;
  return autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [{
      method: options.method ?? 'GET',
      path: options.path,
      headers,
      ...(body ? { setupRequest: (request) => ({ ...request, body: body() }) } : {}),
    }],
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await startLoad(options);
  return {
    throughput: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    errors: result.non2xx + result.errors + result.timeouts,
  };
}
