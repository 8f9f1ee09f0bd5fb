import autocannon from 'autocannon';

export interface ThroughputFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Requests without an answer: connection errors and timeouts. */
  errors: number;
}

const DURATION_S = 10;
/** A few clients, each sending its next request as soon as the last is answered. */
const CONNECTIONS = 10;

/** `POST <baseUrl>/posts` as fast as it answers, for 10 s: what one writer process can take. */
export async function measureWriteThroughput(baseUrl: string): Promise<ThroughputFigures> {
  const result = await autocannon({
    url: `${baseUrl}/posts`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'A post from the benchmark' }),
    connections: CONNECTIONS,
    duration: DURATION_S,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export const THROUGHPUT_SETUP = `autocannon, ${CONNECTIONS} connections, ${DURATION_S} s, POST /posts`;
