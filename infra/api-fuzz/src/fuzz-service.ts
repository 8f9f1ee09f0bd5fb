import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OpenApiDocument } from '@blog/service-kit';
import type { PythonTools } from './python-tools';
import { runCommand } from './run-command';
import { schemathesisConfig } from './schemathesis-config';

/** What is checked of every answer: no 5xx, and everything as the document says. */
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
  'positive_data_acceptance',
  'negative_data_rejection',
];
/** Stateful testing follows links between operations; the documents declare none. */
const PHASES = ['examples', 'coverage', 'fuzzing'];

export interface FuzzOptions {
  tools: PythonTools;
  /** Where the documents, configurations and reports of this run go. */
  runDir: string;
  /** Where Schemathesis keeps what it learns between runs (failing examples are tried first). */
  cacheDir: string;
  pathValues: Record<string, string>;
  maxExamples: number;
  seed?: string;
}

export interface FuzzResult {
  service: string;
  /** The document passed openapi-spec-validator (the official OpenAPI 3.1 schema). */
  documentValid: boolean;
  /** Schemathesis found nothing. */
  fuzzPassed: boolean;
}

/** Checks the document the service serves, then fuzzes the service against it. */
export async function fuzzService(
  service: string,
  baseUrl: string,
  options: FuzzOptions,
): Promise<FuzzResult> {
  const { tools, runDir, cacheDir } = options;
  const documentUrl = `${baseUrl}/openapi.json`;
  const answer = await fetch(documentUrl);
  if (answer.status !== 200) throw new Error(`${documentUrl} answered ${answer.status}`);
  const document = (await answer.json()) as OpenApiDocument;
  const documentFile = path.join(runDir, `${service}.openapi.json`);
  await writeFile(documentFile, JSON.stringify(document, null, 2));
  const configFile = path.join(runDir, `${service}.schemathesis.toml`);
  await writeFile(configFile, schemathesisConfig(document, options.pathValues));

  heading(`${service}: the document against the OpenAPI 3.1 schema`);
  const validation = await runCommand(tools.openApiSpecValidator, [
    '--schema',
    '3.1',
    documentFile,
  ]);

  heading(`${service}: Schemathesis`);
  // Its own working files (.hypothesis, .schemathesis) land in its working directory.
  const fuzz = await runCommand(
    tools.schemathesis,
    [
      '--config-file',
      configFile,
      'run',
      documentUrl,
      '--checks',
      CHECKS.join(','),
      '--phases',
      PHASES.join(','),
      '--max-examples',
      String(options.maxExamples),
      ...(options.seed ? ['--seed', options.seed] : []),
      '--generation-database',
      path.join(cacheDir, 'examples'),
      '--report',
      'junit',
      '--report-junit-path',
      path.join(runDir, `${service}.junit.xml`),
      ...(process.stdout.isTTY ? ['--force-color'] : ['--no-color']),
    ],
    { cwd: cacheDir },
  );
  return { service, documentValid: validation.code === 0, fuzzPassed: fuzz.code === 0 };
}

function heading(text: string): void {
  process.stdout.write(`\n${'='.repeat(8)} ${text}\n`);
}
