import request from 'supertest';
import { addComment, createPost, queriedPost, uniqueTitle, untilAllReady } from '../src/blog-api';
import { targets } from '../src/targets';

/** The public routes through one entry point, as a browser would use them. */
function gatewaySuite(gateway: string): void {
  beforeAll(() => untilAllReady());

  it('routes the course API to the right services', async () => {
    const post = await createPost(uniqueTitle('Through the gateway'), gateway);
    const comment = await addComment(post.id, 'Routed', gateway);
    await queriedPost(
      post.id,
      ({ comments }) => expect(comments).toEqual([{ ...comment, status: 'approved' }]),
      gateway,
    );
    const list = await request(gateway).get('/posts').expect(200);
    expect(list.body[post.id]).toMatchObject(post);
  });

  it('keeps the internal endpoints private', async () => {
    await request(gateway).post('/events').send({}).expect(404);
    await request(gateway).get('/subscriptions').expect(404);
  });
}

const gateway = targets.GATEWAY_URL;
if (gateway) describe(`the public entry point at ${gateway}`, () => gatewaySuite(gateway));
else describe.skip('the public entry point [SKIPPED: set GATEWAY_URL]', () => gatewaySuite(''));
