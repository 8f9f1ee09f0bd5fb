import { clientService } from '../../../apps/client/src/service';
import { commentsService } from '../../../apps/comments/src/service';
import { eventBusService } from '../../../apps/event-bus/src/service';
import { moderationService } from '../../../apps/moderation/src/service';
import { postsService } from '../../../apps/posts/src/service';
import { queryService } from '../../../apps/query/src/service';

/**
 * The service definitions of the apps, read from their code, so the checks compare the manifests
 * with what each app really listens on and reads (its port, its environment variables, its routes).
 * Keyed by the image name the manifests use.
 */
export const APP_DEFINITIONS = {
  'blog/posts': postsService,
  'blog/comments': commentsService,
  'blog/query': queryService,
  'blog/moderation': moderationService,
  'blog/event-bus': eventBusService,
  'blog/client': clientService,
} as const;

/** The web client's image: the apps' Dockerfile with a dev and a runtime stage of its own. */
export const WEB_CLIENT_IMAGE = 'blog/client';

export type AppImage = keyof typeof APP_DEFINITIONS;

export function isAppImage(image: string): image is AppImage {
  return image in APP_DEFINITIONS;
}

/** `blog/posts:0.1.0` -> `blog/posts`. */
export function imageName(image: string): string {
  return image.replace(/(:[^/]*)$/, '');
}
