import path from 'node:path';
import * as apps from 'kubernetes-models/apps/v1';
import * as batch from 'kubernetes-models/batch/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as core from 'kubernetes-models/v1';
import ts from 'typescript';
import type { K8sObject } from './manifests';

/** The API groups this system uses; an object of any other group fails the check. */
const GROUPS: Record<string, { module: Record<string, unknown>; path: string }> = {
  v1: { module: core, path: 'kubernetes-models/v1' },
  'apps/v1': { module: apps, path: 'kubernetes-models/apps/v1' },
  'batch/v1': { module: batch, path: 'kubernetes-models/batch/v1' },
  'networking.k8s.io/v1': { module: networking, path: 'kubernetes-models/networking.k8s.io/v1' },
  'policy/v1': { module: policy, path: 'kubernetes-models/policy/v1' },
};

type Model = new (data: unknown) => { validate(): void };

const label = (object: K8sObject) => `${object.kind} ${object.metadata.name}`;

/**
 * Validates objects against the Kubernetes OpenAPI schema (kubernetes-models): types, required
 * fields, enums and formats. The schema allows unknown fields; `unknownFieldErrors` finds those.
 */
export function schemaErrors(objects: K8sObject[]): string[] {
  return objects.flatMap((object) => {
    const Model = GROUPS[object.apiVersion]?.module[object.kind] as Model | undefined;
    if (!Model) return [`${label(object)}: no schema for ${object.apiVersion} ${object.kind}`];
    try {
      new Model(object).validate();
      return [];
    } catch (error) {
      return [`${label(object)}: ${error instanceof Error ? error.message : String(error)}`];
    }
  });
}

/**
 * Fields the Kubernetes API does not define (a typo such as `readOnlyRootFilesytem`, a field at
 * the wrong level), which `kubectl apply` would drop or reject. Each object becomes an object
 * literal typed with its kubernetes-models interface (generated from the same OpenAPI schema),
 * and the TypeScript checker reports every property the type lacks, at any depth.
 */
export function unknownFieldErrors(objects: K8sObject[]): string[] {
  const fileName = path.join(__dirname, '__rendered-objects__.ts');
  const lines: string[] = [];
  const owners: { firstLine: number; object: K8sObject }[] = [];
  objects.forEach((object, index) => {
    const group = GROUPS[object.apiVersion];
    if (!group) return;
    lines.push(
      `import type { I${object.kind} as Type${index} } from '${group.path}/${object.kind}';`,
    );
    owners.push({ firstLine: lines.length, object });
    lines.push(
      ...`export const object${index}: Type${index} = ${JSON.stringify(object, null, 2)};`.split(
        '\n',
      ),
    );
  });
  const source = lines.join('\n');

  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readSource = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) =>
    name === fileName
      ? ts.createSourceFile(name, source, languageVersion)
      : readSource(name, languageVersion, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || fileExists(name);
  const program = ts.createProgram([fileName], options, host);
  const sourceFile = program.getSourceFile(fileName)!;

  return [
    ...program.getSyntacticDiagnostics(sourceFile),
    ...program.getSemanticDiagnostics(sourceFile),
  ].map((diagnostic) => {
    const line = sourceFile.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line;
    const owner = owners.findLast((candidate) => candidate.firstLine <= line);
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    const where = owner ? label(owner.object) : 'rendered objects';
    return `${where}: ${message} (at: ${lines[line]?.trim()})`;
  });
}
