import { runService } from '@blog/service-kit';
import { postsService } from './service';

runService(postsService);
