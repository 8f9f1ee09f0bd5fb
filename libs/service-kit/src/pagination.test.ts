import express, { Router } from 'express';
import request from 'supertest';
import { keyedById, setNextPageLink } from './pagination';

/** A list of `count` items under `/api/items`, paged by `?limit=`. */
function appListing(count: number) {
  const items = Array.from({ length: count }, (_, index) => ({ id: `id${index + 1}` }));
  const router = Router();
  router.get('/items', (req, res) => {
    const limit = Number(req.query.limit);
    const page = items.slice(0, limit);
    setNextPageLink(req, res, page, limit);
    res.json(page);
  });
  const app = express();
  app.use('/api', router);
  return app;
}

describe('setNextPageLink', () => {
  it('links to the page after the last id of a full page, under the mount path', async () => {
    const response = await request(appListing(5)).get('/api/items?limit=2&ignored=1').expect(200);
    expect(response.headers.link).toBe('</api/items?limit=2&after=id2>; rel="next"');
  });

  it('sets no link on a page that is not full: it is the last one', async () => {
    const response = await request(appListing(1)).get('/api/items?limit=2').expect(200);
    expect(response.headers.link).toBeUndefined();
  });

  it('sets no link on an empty page', async () => {
    const response = await request(appListing(0)).get('/api/items?limit=0').expect(200);
    expect(response.headers.link).toBeUndefined();
  });

  it('encodes the cursor', async () => {
    const app = express();
    app.get('/things', (req, res) => {
      setNextPageLink(req, res, [{ id: 'a b&c' }], 1);
      res.end();
    });
    const response = await request(app).get('/things').expect(200);
    expect(response.headers.link).toBe('</things?limit=1&after=a+b%26c>; rel="next"');
  });
});

describe('keyedById', () => {
  it('keys items by id in page order', () => {
    const keyed = keyedById([
      { id: 'b', n: 1 },
      { id: 'a', n: 2 },
    ]);
    expect(keyed).toEqual({ b: { id: 'b', n: 1 }, a: { id: 'a', n: 2 } });
    expect(Object.keys(keyed)).toEqual(['b', 'a']);
  });
});
