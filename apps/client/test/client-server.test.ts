import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createService, type Service } from '@blog/service-kit';
import request from 'supertest';
import { clientService } from '../src/service';

/** The client's server (Kubernetes) in front of a stand-in build. */
describe("the web client's server", () => {
  let service: Service;
  let siteDir: string;

  beforeAll(async () => {
    siteDir = await mkdtemp(path.join(tmpdir(), 'blog-client-'));
    service = await createService(clientService, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      STATIC_DIR: siteDir,
    });
  });

  afterAll(() => service.stop());

  it('is not ready until the page is built, then serves it at / with its security headers', async () => {
    await request(service.app).get('/readyz').expect(503);
    await mkdir(path.join(siteDir, 'assets'));
    await writeFile(path.join(siteDir, 'index.html'), '<!doctype html><title>Blog</title>');
    await writeFile(path.join(siteDir, 'assets/index-GqY3pqIs.js'), 'void 0');
    await request(service.app).get('/readyz').expect(200);

    const page = await request(service.app).get('/').expect(200);
    expect(page.text).toContain('<title>Blog</title>');
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await request(service.app).get('/assets/index-GqY3pqIs.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('answers what it does not have, and every write, with a 404 error body', async () => {
    const missing = await request(service.app).get('/posts');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ errors: [{ message: 'No route for GET /posts' }] });
    const write = await request(service.app).post('/').send({});
    expect(write.status).toBe(404);
  });
});
