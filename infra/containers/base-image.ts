import { BASE_IMAGE_SETTINGS, ensureBaseRootfs } from './base-rootfs';
import { imageExists, podman } from './podman';

/**
 * The local stand-in for the public node image (see base-rootfs.ts) as a podman image. Every
 * Dockerfile gets it through `--build-arg NODE_IMAGE=...`. Imported once; the tag changes when
 * any input of the root filesystem changes.
 */
export async function ensureBaseImage(log: (line: string) => void): Promise<string> {
  const { archive, key, nodeVersion } = await ensureBaseRootfs(log);
  const tag = `localhost/blog-node-base:${nodeVersion}-${key}`;
  if (await imageExists(tag)) return tag;
  log(`importing ${tag}`);
  await podman(
    'import',
    ...BASE_IMAGE_SETTINGS.flatMap((change) => ['--change', change]),
    archive,
    tag,
  );
  return tag;
}
