/**
 * Prints the path of the node base image's root filesystem archive, making it the first time
 * (infra/containers/base-rootfs.ts). build-image.sh imports it into docker for the CI cluster.
 */
import { ensureBaseRootfs } from '../../containers/base-rootfs';

ensureBaseRootfs((line) => process.stderr.write(`${line}\n`))
  .then(({ archive }) => process.stdout.write(`${archive}\n`))
  .catch((error: unknown) => {
    process.stderr.write(`node-base: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
