import type { Schema } from 'mongoose';

/**
 * Makes `toJSON()` of a document return its API shape: `id` instead of `_id`, only the listed
 * fields, never `__v` or the outbox.
 */
export function setApiShape(schema: Schema, fields: readonly string[]): void {
  schema.set('toJSON', {
    versionKey: false,
    transform: (_document: unknown, stored: Record<string, unknown>) => ({
      id: stored._id,
      ...Object.fromEntries(fields.map((field) => [field, stored[field]])),
    }),
  });
}
