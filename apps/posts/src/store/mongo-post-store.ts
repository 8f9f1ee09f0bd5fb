import type { EventOfType, PageQuery, Post } from '@blog/contracts';
import type { OutboxEntry } from '@blog/messaging';
import {
  MongoOutbox,
  addOutbox,
  outboxOf,
  setApiShape,
  withDatabase,
  type MongoDatabase,
  type OutboxFields,
} from '@blog/mongo';
import { Schema, type Model } from 'mongoose';
import type { PostStore } from './post-store';

interface PostDocument extends OutboxFields {
  _id: string;
  title: string;
}

const postSchema = new Schema<PostDocument>(
  { _id: { type: String, required: true }, title: { type: String, required: true } },
  { collection: 'posts', versionKey: false },
);
addOutbox(postSchema);
setApiShape(postSchema, ['title']);

const API_FIELDS = { title: 1 } as const;
const toPost = ({ _id, title }: Pick<PostDocument, '_id' | 'title'>): Post => ({ id: _id, title });

export class MongoPostStore implements PostStore {
  private readonly posts: Model<PostDocument>;
  private readonly outbox: MongoOutbox<PostDocument>;

  constructor(database: MongoDatabase) {
    this.posts = database.model('Post', postSchema);
    this.outbox = new MongoOutbox(this.posts);
  }

  create(post: Post, event: EventOfType<'PostCreated'>): Promise<void> {
    return withDatabase(async () => {
      await this.posts.create({ _id: post.id, title: post.title, ...outboxOf(event) });
    });
  }

  get(id: string): Promise<Post | undefined> {
    return withDatabase(async () => {
      const document = await this.posts.findById(id).select(API_FIELDS).lean<PostDocument>();
      return document ? toPost(document) : undefined;
    });
  }

  list({ limit, after }: PageQuery): Promise<Post[]> {
    return withDatabase(async () => {
      const documents = await this.posts
        .find(after === undefined ? {} : { _id: { $gt: after } })
        .select(API_FIELDS)
        .sort({ _id: 1 })
        .limit(limit)
        .lean<PostDocument[]>();
      return documents.map(toPost);
    });
  }

  pendingOutbox(limit: number): Promise<OutboxEntry[]> {
    return this.outbox.pendingOutbox(limit);
  }

  markPublished(entries: OutboxEntry[]): Promise<void> {
    return this.outbox.markPublished(entries);
  }
}
