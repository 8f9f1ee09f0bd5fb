import { runService } from '@blog/service-kit';
import { commentsService } from './service';

runService(commentsService);
