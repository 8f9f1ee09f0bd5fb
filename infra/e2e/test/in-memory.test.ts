import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { eventually } from '@blog/testing';
import request from 'supertest';
import { startBlogStack, type BlogStack } from '../src/blog-stack';
import { commentThroughGateway } from './support/gateway';

const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');
const INTEGRATION_CONFIG = path.join(WORKSPACE_ROOT, 'apps/integration-tests/jest.config.cjs');

/**
 * The blog as its readers use it, everything in memory: the five services as processes from
 * their bundles (the test target builds them first) and the gateway, on free ports.
 */
describe('the blog in memory', () => {
  let blog: BlogStack;

  beforeAll(async () => {
    blog = await startBlogStack();
  }, 120_000);

  afterAll(async () => {
    await blog?.stack.stop();
  });

  afterEach(() => {
    expect(blog.crashes).toEqual([]);
  });

  it('shows a post with a clean comment approved and an "orange" one rejected', async () => {
    const gateway = blog.stack.urls.gateway;
    const { body: post } = await request(gateway)
      .post('/posts/create')
      .send({ title: 'Moderation at work' })
      .expect(201);
    const clean = await commentThroughGateway(gateway, post.id, 'What a lovely post');
    const blocked = await commentThroughGateway(gateway, post.id, 'I would rather eat an orange');

    await eventually(
      async () => {
        const { body: shown } = await request(gateway).get(`/posts/${post.id}`).expect(200);
        expect(shown).toEqual({
          ...post,
          comments: [
            { ...clean, status: 'approved' },
            { ...blocked, status: 'rejected' },
          ],
        });
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  });

  describeIfIntegrationSuite('the black-box suite of apps/integration-tests', () => {
    it('passes against this stack', async () => {
      const { urls } = blog.stack;
      const run = await runJest(INTEGRATION_CONFIG, {
        POSTS_URL: urls.posts,
        COMMENTS_URL: urls.comments,
        QUERY_URL: urls.query,
        EVENT_BUS_URL: urls.eventBus,
        GATEWAY_URL: urls.gateway,
      });
      if (run.exitCode !== 0) {
        throw new Error(`the suite failed (exit code ${run.exitCode}):\n${run.output}`);
      }
      // Every test passed and none was skipped (its gateway tests skip without GATEWAY_URL).
      expect(run.output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    }, 180_000);
  });
});

function describeIfIntegrationSuite(name: string, suite: () => void): void {
  if (existsSync(INTEGRATION_CONFIG)) describe(name, suite);
  else describe.skip(`${name} [SKIPPED: apps/integration-tests does not exist yet]`, suite);
}

/** Runs a jest project in a process of its own; resolves with its exit code and its output. */
function runJest(
  config: string,
  env: Record<string, string>,
): Promise<{ exitCode: number | null; output: string }> {
  const jest = path.join(WORKSPACE_ROOT, 'node_modules/jest/bin/jest.js');
  const child = spawn(process.execPath, [jest, '--ci', '-c', config], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, ...env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('close', (exitCode) => resolve({ exitCode, output })));
}
