/**
 * Builds one app into a single self-contained file, `dist/<projectRoot>/main.js`, with its libs
 * and npm dependencies inside. The runtime image then needs only Node and that file: no
 * node_modules, no package manager, nothing to prune.
 *
 * Usage: tsx infra/build/bundle-app.ts apps/posts
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

// Optional native or cloud add-ons of the MongoDB driver. It loads them lazily inside try/catch
// and works without them; leaving them out keeps esbuild from failing on packages we never install.
const OPTIONAL_DRIVER_ADDONS = [
  'kerberos',
  '@mongodb-js/zstd',
  '@aws-sdk/credential-providers',
  'gcp-metadata',
  'snappy',
  'socks',
  'aws4',
  'mongodb-client-encryption',
];

async function bundle(projectRoot: string): Promise<void> {
  const workspaceRoot = path.resolve(__dirname, '../..');
  const outdir = path.join(workspaceRoot, 'dist', projectRoot);
  await rm(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: workspaceRoot,
    entryPoints: [path.join(projectRoot, 'src/main.ts')],
    outfile: path.join(outdir, 'main.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    minifySyntax: true,
    external: OPTIONAL_DRIVER_ADDONS,
    tsconfig: path.join(workspaceRoot, 'tsconfig.base.json'),
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  await writeFile(path.join(outdir, 'meta.json'), JSON.stringify(result.metafile));
  const bytes = Object.values(result.metafile.outputs).reduce(
    (sum, output) => sum + output.bytes,
    0,
  );
  process.stdout.write(
    `${projectRoot} -> ${path.relative(workspaceRoot, outdir)}/main.js (${(bytes / 1e6).toFixed(1)} MB with map)\n`,
  );
}

const projectRoot = process.argv[2];
if (!projectRoot) {
  process.stderr.write('usage: tsx infra/build/bundle-app.ts <projectRoot>\n');
  process.exit(2);
}
bundle(projectRoot).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
