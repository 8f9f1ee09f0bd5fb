import type { CommentStatus, PageQuery, Post, PostWithComments } from '@blog/contracts';
import { commentStatusSchema } from '@blog/contracts';
import {
  isDuplicateKeyError,
  serializeWrites,
  withDatabase,
  type MongoDatabase,
} from '@blog/mongo';
import { Schema, type Model } from 'mongoose';
import type { CommentChange, ReadModelStore } from './read-model-store';

interface PostDocument {
  _id: string;
  title: string;
}

interface CommentDocument {
  _id: string;
  postId: string;
  content: string;
  status: CommentStatus;
  /** Stored so that idempotency and ordering survive restarts. */
  version: number;
}

const postSchema = new Schema<PostDocument>(
  { _id: { type: String, required: true }, title: { type: String, required: true } },
  { collection: 'posts', versionKey: false },
);

const commentSchema = new Schema<CommentDocument>(
  {
    _id: { type: String, required: true },
    postId: { type: String, required: true },
    content: { type: String, required: true },
    status: { type: String, enum: commentStatusSchema.options, required: true },
    version: { type: Number, required: true },
  },
  { collection: 'comments', versionKey: false },
);
// The comments of a page of posts, in creation order, in one indexed query.
commentSchema.index({ postId: 1, _id: 1 });

const COMMENT_FIELDS = { postId: 1, content: 1, status: 1 } as const;

/**
 * The read model in MongoDB: durable, so a restarted service answers at once and the event-bus's
 * durable subscription resumes where it left off. No transactions: every write is one document.
 */
export class MongoReadModelStore implements ReadModelStore {
  private readonly posts: Model<PostDocument>;
  private readonly comments: Model<CommentDocument>;

  constructor(database: MongoDatabase) {
    this.posts = database.model('Post', postSchema);
    this.comments = database.model('Comment', commentSchema);
  }

  addPost(post: Post): Promise<void> {
    return withDatabase(async () => {
      try {
        await this.posts.updateOne(
          { _id: post.id },
          { $setOnInsert: { title: post.title } },
          { upsert: true },
        );
      } catch (error) {
        // Two deliveries raced to insert the same post: it is stored, which is all that matters.
        if (!isDuplicateKeyError(error)) throw error;
      }
    });
  }

  applyComment({ id, postId, content, status, version }: CommentChange): Promise<void> {
    return withDatabase(() =>
      serializeWrites(this.comments, [id], async () => {
        const olderOrMissing = { _id: id, version: { $lt: version } };
        const update = { $set: { postId, content, status, version } };
        try {
          await this.comments.updateOne(olderOrMissing, update, { upsert: true });
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
          // The comment exists, so the upsert tried to insert a second one. Usually the stored
          // version is the same or newer and there is nothing to do; but it may have been inserted
          // by a delivery racing this one, so let the version filter decide once more, as an update.
          await this.comments.updateOne(olderOrMissing, update);
        }
      }),
    );
  }

  getPost(id: string): Promise<PostWithComments | undefined> {
    return withDatabase(async () => {
      const post = await this.posts.findById(id).lean<PostDocument>();
      if (!post) return undefined;
      const [withComments] = await this.attachComments([post]);
      return withComments;
    });
  }

  listPosts({ limit, after }: PageQuery): Promise<PostWithComments[]> {
    return withDatabase(async () => {
      const posts = await this.posts
        .find(after === undefined ? {} : { _id: { $gt: after } })
        .sort({ _id: 1 })
        .limit(limit)
        .lean<PostDocument[]>();
      return this.attachComments(posts);
    });
  }

  /** One query for the comments of all the posts, not one per post. */
  private async attachComments(posts: PostDocument[]): Promise<PostWithComments[]> {
    if (posts.length === 0) return [];
    const comments = await this.comments
      .find({ postId: { $in: posts.map((post) => post._id) } })
      .select(COMMENT_FIELDS)
      .sort({ postId: 1, _id: 1 })
      .lean<CommentDocument[]>();
    const byPost = new Map<string, PostWithComments>(
      posts.map(({ _id, title }) => [_id, { id: _id, title, comments: [] }]),
    );
    for (const { _id, postId, content, status } of comments) {
      byPost.get(postId)?.comments.push({ id: _id, content, status });
    }
    return [...byPost.values()];
  }
}
