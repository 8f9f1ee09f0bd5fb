import { newId } from '@blog/contracts';
import { Schema } from 'mongoose';
import { addOutbox, setApiShape, type OutboxFields } from '../src';

/** A minimal aggregate with an embedded outbox, shaped like the apps' documents. */
export interface NoteDocument extends OutboxFields {
  _id: string;
  text: string;
}

export function noteSchema(): Schema<NoteDocument> {
  const schema = new Schema<NoteDocument>(
    { _id: { type: String, default: () => newId() }, text: { type: String, required: true } },
    { collection: 'notes', versionKey: false },
  );
  addOutbox(schema);
  setApiShape(schema, ['text']);
  return schema;
}
