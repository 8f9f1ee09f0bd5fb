// The limits alone: the package's index would bring zod into the page.
import { CONTENT_MAX_LENGTH } from '../../../../libs/contracts/src/limits';
import { useId } from 'react';
import type { CommentView, PostView } from './state';
import { TextForm } from './TextForm';

interface PostCardProps {
  post: PostView;
  onComment: (postId: string, content: string) => Promise<void>;
}

export function PostCard({ post, onComment }: PostCardProps) {
  const titleId = useId();
  const count = post.comments.length;
  return (
    <li className="post">
      <article aria-labelledby={titleId}>
        <h3 id={titleId}>{post.title}</h3>
        <p className="post-meta">
          {count === 0 ? 'No comments yet' : count === 1 ? '1 comment' : `${count} comments`}
        </p>
        {count > 0 && (
          <ul className="comments" aria-label={`Comments on ${post.title}`}>
            {post.comments.map((comment) => (
              <CommentItem key={comment.id} comment={comment} />
            ))}
          </ul>
        )}
        <TextForm
          label={
            <>
              Your comment<span className="visually-hidden"> on {post.title}</span>
            </>
          }
          submitLabel="Comment"
          maxLength={CONTENT_MAX_LENGTH}
          onSubmit={(content) => onComment(post.id, content)}
        />
      </article>
    </li>
  );
}

const STATUS_TEXT = { pending: 'pending', approved: 'approved', rejected: 'rejected' } as const;

function CommentItem({ comment }: { comment: CommentView }) {
  return (
    <li className="comment" data-comment-id={comment.id} data-status={comment.status}>
      <span className={`badge badge-${comment.status}`}>{STATUS_TEXT[comment.status]}</span>
      {comment.status === 'rejected' ? (
        <p className="comment-text comment-removed">Removed by moderation.</p>
      ) : (
        <p className="comment-text">{comment.content}</p>
      )}
    </li>
  );
}
