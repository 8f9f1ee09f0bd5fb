import type { Backend } from './backend';

export interface Backends {
  mongo: Backend;
  nats: Backend;
}

/** How to get each backend, shown when it is missing. */
const HOW_TO_ENABLE = {
  mongo: [
    "MongoDB suites are SKIPPED: the stores' MongoDB adapters, the MongoDB outbox.",
    'To run them, any one of:',
    '  - set MONGO_URL=mongodb://127.0.0.1:27017 (a MongoDB you run)',
    '  - bash infra/ci/build-ferretdb.sh  (needs Go; npm test then starts FerretDB)',
  ],
  nats: [
    "NATS suites are SKIPPED: the event-bus's JetStream event log.",
    'To run them, any one of:',
    '  - set NATS_URL=nats://127.0.0.1:4222 (a nats-server -js you run)',
    '  - install nats-server (apt-get install nats-server; npm test then starts it)',
  ],
};

export function backendsBanner({ mongo, nats }: Backends): string {
  const line = (family: string, backend: Backend) =>
    `  ${family.padEnd(16)}${backend.url ? `${backend.url}  <- ${backend.source}` : `none (${backend.source})`}`;
  return ['Test backends:', line('MongoDB suites', mongo), line('NATS suites', nats), ''].join(
    '\n',
  );
}

/** A box nobody can miss, for each family of suites that will not run; empty when all run. */
export function skippedSuitesBox({ mongo, nats }: Backends): string {
  const paragraphs = [
    ...(mongo.url ? [] : [HOW_TO_ENABLE.mongo]),
    ...(nats.url ? [] : [HOW_TO_ENABLE.nats]),
  ];
  if (paragraphs.length === 0) return '';
  const lines = paragraphs.flatMap((paragraph, index) =>
    index > 0 ? ['', ...paragraph] : paragraph,
  );
  const width = Math.max(...lines.map((text) => text.length));
  const rule = `#${'#'.repeat(width + 4)}#`;
  return [rule, ...lines.map((text) => `#  ${text.padEnd(width)}  #`), rule, ''].join('\n');
}
