import { createService } from '@blog/service-kit';
import { CaptureServer, openApiDocumentSuite } from '@blog/testing';
import { commentsApi } from '../src/openapi';
import { commentsService } from '../src/service';

openApiDocumentSuite('comments', commentsApi, async () => {
  const bus = await CaptureServer.start(() => 201);
  // Stands in for the posts service, which knows no post.
  const posts = await CaptureServer.start(() => 404);
  const service = await createService(commentsService, {
    PORT: '0',
    EVENT_BUS_URL: bus.url,
    POSTS_URL: posts.url,
    LOG_LEVEL: 'silent',
  });
  return { service, standIns: [bus, posts] };
});
