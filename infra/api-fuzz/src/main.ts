/**
 * `npm run test:api-fuzz`: holds every service to its OpenAPI document. Starts the blog in memory
 * from its bundles (build them first: `nx run api-fuzz:fuzz` does), then for each service checks
 * its /openapi.json against the official OpenAPI 3.1 schema and fuzzes the service against it
 * with Schemathesis. Fails when anything is found, in the answers or in the services' logs.
 *
 * API_FUZZ_MAX_EXAMPLES (default 150) and API_FUZZ_SEED tune and replay a run.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { freeStackPorts, startStack, type ServiceName, type StackUrls } from '../../local/src';
import { fuzzService, type FuzzResult } from './fuzz-service';
import { pathValuesFor } from './fuzz-targets';
import { pythonTools } from './python-tools';
import { unexpectedErrors } from './stack-log';

const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');
const CACHE_DIR = path.join(WORKSPACE_ROOT, '.cache/api-fuzz');
const RUN_DIR = path.join(CACHE_DIR, 'last-run');

const write = (text: string) => process.stdout.write(`${text}\n`);

async function main(): Promise<boolean> {
  const maxExamples = Number(process.env.API_FUZZ_MAX_EXAMPLES ?? 150);
  if (!Number.isInteger(maxExamples) || maxExamples < 1) {
    throw new Error('API_FUZZ_MAX_EXAMPLES must be a whole number of at least 1');
  }
  await rm(RUN_DIR, { recursive: true, force: true });
  await mkdir(RUN_DIR, { recursive: true });
  const tools = await pythonTools(CACHE_DIR);

  const logFile = path.join(RUN_DIR, 'services.log');
  const log = createWriteStream(logFile);
  const lines: string[] = [];
  write('Starting the blog, everything in memory...');
  const stack = await startStack({
    ports: await freeStackPorts(),
    output: (line) => {
      lines.push(line);
      log.write(`${line}\n`);
    },
  });
  const results: FuzzResult[] = [];
  try {
    const pathValues = await pathValuesFor(stack.urls);
    for (const [service, url] of Object.entries(serviceUrls(stack.urls))) {
      results.push(
        await fuzzService(service, url, {
          tools,
          runDir: RUN_DIR,
          cacheDir: CACHE_DIR,
          pathValues,
          maxExamples,
          seed: process.env.API_FUZZ_SEED,
        }),
      );
    }
  } finally {
    await stack.stop();
    await new Promise((resolve) => log.end(resolve));
  }

  const errors = unexpectedErrors(lines);
  write('\n======== Summary');
  for (const { service, documentValid, fuzzPassed } of results) {
    const verdict = (ok: boolean) => (ok ? 'ok' : 'FAILED');
    write(
      `  ${service.padEnd(12)}document ${verdict(documentValid).padEnd(8)}fuzzing ${verdict(fuzzPassed)}`,
    );
  }
  if (errors.length > 0) {
    write(`\nThe services logged ${errors.length} unexpected errors, e.g.:`);
    for (const line of errors.slice(0, 10)) write(`  ${line}`);
  }
  write(`\nDocuments, configurations, reports and the services' log: ${RUN_DIR}`);
  return (
    errors.length === 0 && results.every((result) => result.documentValid && result.fuzzPassed)
  );
}

function serviceUrls(urls: StackUrls): Record<ServiceName, string> {
  const { posts, comments, query, moderation, eventBus } = urls;
  return { posts, comments, query, moderation, 'event-bus': eventBus };
}

main().then(
  (passed) => {
    process.exitCode = passed ? 0 : 1;
  },
  (error: unknown) => {
    process.stderr.write(
      `api-fuzz failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
