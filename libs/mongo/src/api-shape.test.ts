import mongoose, { Schema } from 'mongoose';
import { setApiShape } from './api-shape';
import { addOutbox, outboxOf } from './outbox';
import { sampleEvents } from '@blog/testing';

describe('setApiShape', () => {
  const schema = new Schema({
    _id: String,
    title: String,
    secret: String,
  });
  addOutbox(schema);
  setApiShape(schema, ['title']);
  const Post = mongoose.createConnection().model('Post', schema);

  it('answers with `id` and the listed fields only', () => {
    const post = new Post({
      _id: 'p1',
      title: 'Hello',
      secret: 'internal',
      ...outboxOf(sampleEvents.postCreated()),
    });
    expect(post.toJSON()).toEqual({ id: 'p1', title: 'Hello' });
    expect(JSON.parse(JSON.stringify(post))).toEqual({ id: 'p1', title: 'Hello' });
  });

  it('leaves out a listed field the document does not have', () => {
    expect(JSON.parse(JSON.stringify(new Post({ _id: 'p2' })))).toEqual({ id: 'p2' });
  });
});
