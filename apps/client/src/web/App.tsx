// The limits alone: the package's index would bring zod into the page.
import { TITLE_MAX_LENGTH } from '../../../../libs/contracts/src/limits';
import type { PostStreamMessage } from '@blog/contracts';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { ApiError, PAGE_SIZE, createComment, createPost, fetchPage } from './api';
import { followChanges, type LiveStatus } from './live-updates';
import { PostCard } from './PostCard';
import { blogReducer, initialState } from './state';
import { TextForm } from './TextForm';

/** Changes kept to apply again over a freshly loaded page, which may be older than them. */
const RECENT_CHANGES = 500;

/** How long the first page waits for the stream to open. */
const STREAM_WAIT_MS = 3000;

const pageInUrl = () => new URLSearchParams(window.location.search).get('after') ?? undefined;

type Loading = 'loading' | 'loaded' | { error: string };

export function App() {
  const [state, dispatch] = useReducer(blogReducer, PAGE_SIZE, (size) =>
    initialState(size, pageInUrl()),
  );
  const [live, setLive] = useState<LiveStatus>('connecting');
  const [loading, setLoading] = useState<Loading>('loading');
  const recent = useRef<PostStreamMessage[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);

  /** Loads a page and shows it; whoever wants a "Loading…" meanwhile sets it first. */
  const loadPage = useCallback(async (after: string | undefined) => {
    try {
      const page = await fetchPage(after);
      dispatch({ type: 'page-loaded', after, ...page });
      // The read model may be a moment behind the stream: the changes already seen win.
      for (const message of recent.current) dispatch({ type: 'stream', message });
      setLoading('loaded');
    } catch (error) {
      setLoading({ error: error instanceof ApiError ? error.message : 'The posts did not load.' });
    }
  }, []);

  useEffect(() => {
    // The stream starts a little before the end of the log, so the page loaded once it is open
    // misses no change. Without the stream the page loads all the same, just not live, and
    // again once the stream opens.
    const withoutStream = setTimeout(() => void loadPage(pageInUrl()), STREAM_WAIT_MS);
    const stop = followChanges({
      onReady: (first) => {
        clearTimeout(withoutStream);
        if (first) void loadPage(pageInUrl());
      },
      onMessage: (message) => {
        recent.current.push(message);
        if (recent.current.length > RECENT_CHANGES) recent.current.shift();
        dispatch({ type: 'stream', message });
      },
      onStatus: setLive,
    });
    const onBack = () => {
      setLoading('loading');
      void loadPage(pageInUrl());
    };
    window.addEventListener('popstate', onBack);
    return () => {
      clearTimeout(withoutStream);
      stop();
      window.removeEventListener('popstate', onBack);
    };
  }, [loadPage]);

  const goTo = (after: string | undefined) => {
    window.history.pushState(null, '', after ? `?after=${encodeURIComponent(after)}` : '/');
    setLoading('loading');
    void loadPage(after).then(() => heading.current?.focus());
  };

  const addPost = async (title: string) => {
    const post = await createPost(title);
    dispatch({ type: 'post-created', post });
    const here = state.next === undefined && state.posts.length < state.pageSize;
    dispatch({
      type: 'announce',
      text: `Post “${post.title}” created${here ? '' : '; it is on a later page'}.`,
    });
  };

  const addComment = async (postId: string, content: string) => {
    dispatch({ type: 'comments-listed', postId, comments: await createComment(postId, content) });
    dispatch({ type: 'announce', text: 'Comment added; it is pending moderation.' });
  };

  return (
    <>
      <a className="skip-link" href="#posts-heading">
        Skip to the posts
      </a>
      <header className="masthead">
        <div className="wrap masthead-row">
          <div>
            <h1>Blog</h1>
            <p className="tagline">Posts and comments, moderated as you watch.</p>
          </div>
          <LiveIndicator status={live} />
        </div>
      </header>
      <main className="wrap">
        <section className="panel" aria-labelledby="new-post-heading">
          <h2 id="new-post-heading">New post</h2>
          <TextForm
            label="Title"
            submitLabel="Publish"
            maxLength={TITLE_MAX_LENGTH}
            placeholder="What is it about?"
            onSubmit={addPost}
          />
        </section>
        <section aria-labelledby="posts-heading">
          <h2 id="posts-heading" ref={heading} tabIndex={-1}>
            Posts <span className="heading-note">oldest first</span>
          </h2>
          {loading === 'loading' && state.posts.length === 0 && <p className="note">Loading…</p>}
          {typeof loading === 'object' && (
            <div className="note note-error" role="alert">
              <p>{loading.error}</p>
              <button
                type="button"
                onClick={() => {
                  setLoading('loading');
                  void loadPage(state.after);
                }}
              >
                Try again
              </button>
            </div>
          )}
          {loading === 'loaded' && state.posts.length === 0 && (
            <p className="note">No posts yet. Write the first one above.</p>
          )}
          <ol className="posts">
            {state.posts.map((post) => (
              <PostCard key={post.id} post={post} onComment={addComment} />
            ))}
          </ol>
          {(state.after || state.next) && (
            <nav className="pager" aria-label="Pages of posts">
              {state.after && (
                <a href="/" onClick={(event) => (event.preventDefault(), goTo(undefined))}>
                  ← First page
                </a>
              )}
              {state.next && (
                <a
                  className="pager-next"
                  href={`?after=${encodeURIComponent(state.next)}`}
                  onClick={(event) => (event.preventDefault(), goTo(state.next))}
                >
                  Newer posts →
                </a>
              )}
            </nav>
          )}
        </section>
      </main>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {state.announcement && (
          <span key={state.announcement.serial}>{state.announcement.text}</span>
        )}
      </div>
    </>
  );
}

const LIVE_TEXT: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

function LiveIndicator({ status }: { status: LiveStatus }) {
  return (
    <p className={`live live-${status}`} title="Changes appear without reloading the page">
      <span className="live-dot" aria-hidden="true" />
      {LIVE_TEXT[status]}
    </p>
  );
}
