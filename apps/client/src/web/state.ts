import type {
  Comment,
  CommentStatus,
  Post,
  PostStreamMessage,
  PostWithComments,
} from '@blog/contracts';

export interface CommentView {
  id: string;
  content: string;
  status: CommentStatus;
  /** 0 at creation, one more per update; an older change never replaces a newer one. */
  version: number;
}

export interface PostView {
  id: string;
  title: string;
  comments: CommentView[];
}

export interface BlogState {
  /** The page shown: posts after this id (none: the first page), at most `pageSize`. */
  after?: string;
  posts: PostView[];
  /** The `after` of the next page, when there is one. */
  next?: string;
  pageSize: number;
  /** What the live region says last; `serial` makes a repeated sentence be said again. */
  announcement?: { text: string; serial: number };
}

export type BlogAction =
  | { type: 'page-loaded'; after?: string; posts: PostWithComments[]; next?: string }
  | { type: 'post-created'; post: Post }
  | { type: 'comments-listed'; postId: string; comments: Comment[] }
  | { type: 'stream'; message: PostStreamMessage }
  | { type: 'announce'; text: string };

export function initialState(pageSize: number, after?: string): BlogState {
  return { posts: [], pageSize, ...(after ? { after } : {}) };
}

/**
 * How the page changes: a page loaded, the user's own writes, and the changes the query
 * service streams. Every change may arrive twice (the stream replays a little after a page
 * load) or after the state it leads to, so each is applied by id and version: repeating or
 * reordering them ends in the same page.
 */
export function blogReducer(state: BlogState, action: BlogAction): BlogState {
  switch (action.type) {
    case 'page-loaded':
      return {
        pageSize: state.pageSize,
        posts: action.posts.map((post) => ({
          id: post.id,
          title: post.title,
          comments: post.comments.map(fromApi),
        })),
        ...(action.after ? { after: action.after } : {}),
        ...(action.next ? { next: action.next } : {}),
        ...(state.announcement ? { announcement: state.announcement } : {}),
      };
    case 'post-created':
      return addPost(state, action.post);
    case 'comments-listed':
      return action.comments.reduce(
        (next, comment) => applyComment(next, action.postId, fromApi(comment)),
        state,
      );
    case 'announce':
      return announce(state, action.text);
    case 'stream': {
      const { message } = action;
      if (message.type === 'PostCreated') return addPost(state, message.data);
      const { postId, id, content, status } = message.data;
      const version = message.type === 'CommentUpdated' ? message.data.version : 0;
      return applyComment(state, postId, { id, content, status, version });
    }
  }
}

/**
 * The API shows no versions. A comment is moderated once, so a pending one is at its creation
 * (0) and a moderated one at its first update (1).
 */
function fromApi({ id, content, status }: Comment): CommentView {
  return { id, content, status, version: status === 'pending' ? 0 : 1 };
}

/** Ids are time-ordered (UUIDv7), so sorting by id is sorting by creation, as the API does. */
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A post joins this page if it falls inside it; one that pushes the page over its size opens the next. */
function addPost(state: BlogState, post: Post): BlogState {
  const { posts, after, next, pageSize } = state;
  if (posts.some((shown) => shown.id === post.id)) return state;
  if ((after && post.id <= after) || (next && post.id > next)) return state;
  const sorted = [...posts, { id: post.id, title: post.title, comments: [] }].sort(byId);
  if (sorted.length <= pageSize) return { ...state, posts: sorted };
  const kept = sorted.slice(0, pageSize);
  return { ...state, posts: kept, next: kept.at(-1)!.id };
}

function applyComment(state: BlogState, postId: string, comment: CommentView): BlogState {
  const post = state.posts.find((shown) => shown.id === postId);
  if (!post) return state;
  const shown = post.comments.find((existing) => existing.id === comment.id);
  if (shown && shown.version >= comment.version) return state;
  const comments = shown
    ? post.comments.map((existing) => (existing.id === comment.id ? comment : existing))
    : [...post.comments, comment].sort(byId);
  const posts = state.posts.map((existing) =>
    existing.id === postId ? { ...existing, comments } : existing,
  );
  const moderated = shown?.status === 'pending' && comment.status !== 'pending';
  return moderated
    ? announce({ ...state, posts }, `Comment “${excerpt(comment.content)}” ${comment.status}.`)
    : { ...state, posts };
}

function announce(state: BlogState, text: string): BlogState {
  return { ...state, announcement: { text, serial: (state.announcement?.serial ?? 0) + 1 } };
}

function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
