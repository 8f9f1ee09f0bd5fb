import { createService } from '@blog/service-kit';
import { openApiDocumentSuite } from '@blog/testing';
import { queryApi } from '../src/openapi';
import { queryService } from '../src/service';
import { EventLogServer } from './event-log-server';

openApiDocumentSuite('query', queryApi, async () => {
  const bus = await EventLogServer.start([]);
  const service = await createService(queryService, {
    PORT: '0',
    EVENT_BUS_URL: bus.url,
    LOG_LEVEL: 'silent',
  });
  return { service, standIns: [bus] };
});
