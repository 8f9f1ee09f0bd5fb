import {
  createPostBodySchema,
  errorResponse,
  pageQuerySchema,
  postListSchema,
  postSchema,
  unavailableResponse,
  type ApiRoute,
  type ServiceApi,
} from '@blog/contracts';

const created = {
  description: 'The post, with its id.',
  body: postSchema,
  headers: { Location: 'Where the post can be read.' },
};

function createPost(path: string, summary: string): ApiRoute {
  return {
    method: 'post',
    path,
    summary,
    description: 'The post and its PostCreated event are stored together, in one write.',
    body: createPostBodySchema,
    responses: { 201: created, 503: unavailableResponse('The database') },
  };
}

/** The routes of `routes.ts`, as /openapi.json describes them. */
export const postsApi: ServiceApi = {
  description: 'Owns the posts of the blog. Each new post is announced with a PostCreated event.',
  routes: [
    createPost('/posts', 'Create a post'),
    createPost('/posts/create', "Create a post (the course's route, as the ingress sends it)"),
    {
      method: 'get',
      path: '/posts',
      summary: 'List posts, a page at a time',
      query: pageQuerySchema,
      responses: {
        200: {
          description: 'A page of posts keyed by id, in creation order.',
          body: postListSchema,
          headers: { Link: 'The next page (rel="next"), when this one is full.' },
        },
        503: unavailableResponse('The database'),
      },
    },
    {
      method: 'get',
      path: '/posts/{id}',
      summary: 'Read a post',
      pathParams: { id: "The post's id." },
      responses: {
        200: { description: 'The post.', body: postSchema },
        404: errorResponse('No post has this id.'),
        503: unavailableResponse('The database'),
      },
    },
  ],
};
