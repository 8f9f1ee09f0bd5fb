import { createService } from '@blog/service-kit';
import { CaptureServer, openApiDocumentSuite } from '@blog/testing';
import { postsApi } from '../src/openapi';
import { postsService } from '../src/service';

openApiDocumentSuite('posts', postsApi, async () => {
  const bus = await CaptureServer.start(() => 201);
  const service = await createService(postsService, {
    PORT: '0',
    EVENT_BUS_URL: bus.url,
    LOG_LEVEL: 'silent',
  });
  return { service, standIns: [bus] };
});
