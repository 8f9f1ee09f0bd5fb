import type { Comment, CommentStatus, EventOfType, PageQuery } from '@blog/contracts';
import type { OutboxEntry } from '@blog/messaging';
import {
  MongoOutbox,
  addOutbox,
  appendToOutbox,
  isDuplicateKeyError,
  outboxOf,
  serializeWrites,
  setApiShape,
  withDatabase,
  type MongoDatabase,
  type OutboxFields,
} from '@blog/mongo';
import { Schema, type Model } from 'mongoose';
import type { CommentStore, StoredComment } from './comment-store';

interface CommentDocument extends OutboxFields {
  _id: string;
  postId: string;
  content: string;
  status: CommentStatus;
  version: number;
}

const commentSchema = new Schema<CommentDocument>(
  {
    _id: { type: String, required: true },
    postId: { type: String, required: true },
    content: { type: String, required: true },
    status: { type: String, required: true },
    version: { type: Number, required: true },
  },
  { collection: 'comments', versionKey: false },
);
addOutbox(commentSchema);
setApiShape(commentSchema, ['content', 'status']);
// A post's comments, in creation order.
commentSchema.index({ postId: 1, _id: 1 });

/** Posts this service has heard of; the id is all it needs. */
const knownPostSchema = new Schema<{ _id: string }>(
  { _id: { type: String, required: true } },
  { collection: 'known_posts', versionKey: false },
);

const STORED_FIELDS = { postId: 1, content: 1, status: 1, version: 1 } as const;
const API_FIELDS = { content: 1, status: 1 } as const;

export class MongoCommentStore implements CommentStore {
  private readonly comments: Model<CommentDocument>;
  private readonly knownPosts: Model<{ _id: string }>;
  private readonly outbox: MongoOutbox<CommentDocument>;

  constructor(database: MongoDatabase) {
    this.comments = database.model('Comment', commentSchema);
    this.knownPosts = database.model('KnownPost', knownPostSchema);
    this.outbox = new MongoOutbox(this.comments);
  }

  create(comment: StoredComment, event: EventOfType<'CommentCreated'>): Promise<void> {
    const { id, ...fields } = comment;
    return withDatabase(async () => {
      await this.comments.create({ _id: id, ...fields, ...outboxOf(event) });
    });
  }

  get(id: string): Promise<StoredComment | undefined> {
    return withDatabase(async () => {
      const document = await this.comments
        .findById(id)
        .select(STORED_FIELDS)
        .lean<CommentDocument>();
      if (!document) return undefined;
      const { _id, postId, content, status, version } = document;
      return { id: _id, postId, content, status, version };
    });
  }

  listByPost(postId: string, { limit, after }: PageQuery): Promise<Comment[]> {
    return withDatabase(async () => {
      const documents = await this.comments
        .find(after === undefined ? { postId } : { postId, _id: { $gt: after } })
        .select(API_FIELDS)
        .sort({ _id: 1 })
        .limit(limit)
        .lean<CommentDocument[]>();
      return documents.map(({ _id, content, status }) => ({ id: _id, content, status }));
    });
  }

  update(
    comment: StoredComment,
    expectedVersion: number,
    event: EventOfType<'CommentUpdated'>,
  ): Promise<boolean> {
    const { id, ...fields } = comment;
    return withDatabase(async () => {
      // The version in the filter makes this a compare-and-set: a writer that read an older
      // version matches nothing, so its change and its event are both left out.
      const result = await serializeWrites(this.comments, [id], () =>
        this.comments.updateOne(
          { _id: id, version: expectedVersion },
          { $set: fields, ...appendToOutbox(event) },
        ),
      );
      return result.matchedCount === 1;
    });
  }

  rememberPost(postId: string): Promise<void> {
    return withDatabase(async () => {
      try {
        await this.knownPosts.create({ _id: postId });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    });
  }

  knowsPost(postId: string): Promise<boolean> {
    return withDatabase(async () => (await this.knownPosts.exists({ _id: postId })) !== null);
  }

  pendingOutbox(limit: number): Promise<OutboxEntry[]> {
    return this.outbox.pendingOutbox(limit);
  }

  markPublished(entries: OutboxEntry[]): Promise<void> {
    return this.outbox.markPublished(entries);
  }
}
