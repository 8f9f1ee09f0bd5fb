import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';

export type JsonSchema = z.core.JSONSchema.BaseSchema;

const DEFINITIONS = '#/$defs/';
const COMPONENTS = '#/components/schemas/';

/**
 * Turns zod schemas into the JSON Schema of an OpenAPI 3.1 document (draft 2020-12, its dialect).
 * A request is described as the route parses it (`io: 'input'`: fields with a default may be
 * left out, unknown fields are allowed and dropped); an answer as the service writes it
 * (`io: 'output'`: exactly the fields listed). Schemas named with `.meta({ id })` become
 * components that answers refer to. Requests spell them out instead, because the input side of
 * a named schema is not the output side its component describes.
 */
export class JsonSchemas {
  /** The named schemas the answers converted so far refer to, by name. */
  readonly components: Record<string, JsonSchema> = {};

  request(schema: z.ZodType): JsonSchema {
    const { $defs = {}, ...json } = convert(schema, 'input');
    return inlineDefinitions(json, $defs, []);
  }

  response(schema: z.ZodType): JsonSchema {
    const { $defs = {}, ...json } = convert(schema, 'output');
    for (const [name, definition] of Object.entries($defs)) {
      const component = pointAtComponents(definition);
      const known = this.components[name];
      if (known && !isDeepStrictEqual(known, component)) {
        throw new Error(`Two different schemas are named ${name}: rename one (.meta({ id }))`);
      }
      this.components[name] = component;
    }
    return pointAtComponents(json);
  }
}

function convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json: JsonSchema = z.toJSONSchema(schema, { io, target: 'draft-2020-12' });
  // A schema inside an OpenAPI 3.1 document is in the document's dialect: no `$schema` of its own.
  delete json.$schema;
  return json;
}

/** Rebuilds `node` with `replace` applied to every object inside it, innermost first. */
function mapObjects(node: unknown, replace: (object: JsonSchema) => JsonSchema): unknown {
  if (Array.isArray(node)) return node.map((item) => mapObjects(item, replace));
  if (typeof node !== 'object' || node === null) return node;
  const mapped = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, mapObjects(value, replace)]),
  );
  return replace(mapped);
}

function pointAtComponents(schema: JsonSchema): JsonSchema {
  return mapObjects(schema, (object) =>
    typeof object.$ref === 'string' && object.$ref.startsWith(DEFINITIONS)
      ? { ...object, $ref: COMPONENTS + object.$ref.slice(DEFINITIONS.length) }
      : object,
  ) as JsonSchema;
}

function inlineDefinitions(
  schema: JsonSchema,
  definitions: Record<string, JsonSchema>,
  expanding: string[],
): JsonSchema {
  return mapObjects(schema, ({ $ref, ...rest }) => {
    if (typeof $ref !== 'string' || !$ref.startsWith(DEFINITIONS)) {
      return $ref === undefined ? rest : { $ref, ...rest };
    }
    const name = $ref.slice(DEFINITIONS.length);
    const definition = definitions[name];
    if (!definition || expanding.includes(name)) {
      throw new Error(`Cannot write out the schema ${name} in a request: missing or recursive`);
    }
    return { ...inlineDefinitions(definition, definitions, [...expanding, name]), ...rest };
  }) as JsonSchema;
}
