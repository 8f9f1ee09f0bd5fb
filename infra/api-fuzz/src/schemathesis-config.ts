import type { OpenApiDocument } from '@blog/service-kit';

/** What a service answers when validation refuses the input. */
const VALIDATION_STATUSES = ['400', '413', '415'];

/**
 * The Schemathesis configuration (TOML) for fuzzing the service `document` describes. It holds
 * the service to its document, operation by operation:
 * - input the document allows may get any status the operation documents, except those of
 *   refused input (positive_data_acceptance);
 * - input the document forbids must be refused: 400, 413 or 415 (negative_data_rejection);
 * - path parameters take the values in `pathValues` (things that exist), so that fuzzing gets
 *   past "404, no such post" to the code behind it.
 */
export function schemathesisConfig(
  document: OpenApiDocument,
  pathValues: Readonly<Record<string, string>>,
): string {
  const lines = [
    '# Written by infra/api-fuzz for one service and one run.',
    '[checks.negative_data_rejection]',
    `expected-statuses = ${toml(VALIDATION_STATUSES)}`,
  ];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const accepted = Object.keys(operation.responses).filter(
        (status) => !VALIDATION_STATUSES.includes(status),
      );
      lines.push(
        '',
        '[[operations]]',
        // The operation's name: filters given as separate keys would match either.
        `include-name = ${toml(`${method.toUpperCase()} ${path}`)}`,
        `checks.positive_data_acceptance.expected-statuses = ${toml(accepted)}`,
      );
      const parameters = [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => name!);
      if (parameters.length === 0) continue;
      const values = parameters.map((name) => {
        const value = pathValues[name];
        if (value === undefined) throw new Error(`${path}: no value to fuzz {${name}} with`);
        return `${toml(name)} = ${toml(value)}`;
      });
      lines.push(`parameters = { ${values.join(', ')} }`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A TOML string or array of strings: JSON's escapes are TOML's. */
function toml(value: string | readonly string[]): string {
  return typeof value === 'string' ? JSON.stringify(value) : `[${value.map(toml).join(', ')}]`;
}
