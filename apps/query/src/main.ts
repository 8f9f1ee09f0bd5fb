import { runService } from '@blog/service-kit';
import { queryService } from './service';

runService(queryService);
