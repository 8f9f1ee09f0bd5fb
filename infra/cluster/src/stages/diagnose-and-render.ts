import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../../../k8s/src/manifests';
import type { ClusterContext } from '../cluster-context';
import { withCiImages } from '../profiles';
import { run } from '../shell';

/** What a user combines (skaffold.yaml's profiles); each is checked with the CI images. */
export const PROFILE_SETS = ['', 'prod', 'network-policies', 'prod,network-policies'];

/**
 * Stage 1: Skaffold reads skaffold.yaml and every Dockerfile of every profile combination
 * (`diagnose`), and renders each one's manifests (`render`, no build) into valid objects.
 */
export async function diagnoseAndRender(cluster: ClusterContext): Promise<void> {
  await tagBaseUnderDefaultName(cluster);
  for (const profiles of PROFILE_SETS) {
    const name = profiles || 'default';
    await cluster.skaffold('diagnose', 'diagnose', '-p', withCiImages(profiles));
    const rendered = await cluster.skaffold(
      'render',
      'render',
      '-p',
      withCiImages(profiles),
      '--digest-source=none',
      '--offline=true',
    );
    const objects = parseAllDocuments(rendered)
      .map((document) => document.toJS() as { kind?: string } | null)
      .filter((object) => object !== null);
    const kinds = new Set(objects.map((object) => object.kind));
    for (const kind of ['Deployment', 'StatefulSet', 'Service', 'ConfigMap']) {
      if (!kinds.has(kind)) throw new Error(`skaffold render (${name}) made no ${kind}`);
    }
    cluster.log(`  ${name}: diagnose ok, render ${objects.length} objects`);
  }
}

/**
 * `skaffold diagnose` reads each Dockerfile with its ARGs' defaults, ignoring the artifact's
 * build args (Skaffold v2.16.1 passes none there), and inspects the base image that names:
 * the public node image, which this machine cannot pull. So the local stand-in (the one the
 * ci-cluster profile builds with) is also tagged under that name in the local Docker.
 */
async function tagBaseUnderDefaultName(cluster: ClusterContext): Promise<void> {
  const dockerfile = await readFile(path.join(REPO_ROOT, 'apps/posts/Dockerfile'), 'utf8');
  const defaultBase = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
  if (!defaultBase) throw new Error('apps/posts/Dockerfile has no ARG NODE_IMAGE=<default>');
  await run('docker', ['tag', cluster.env.BLOG_NODE_IMAGE!, defaultBase], { env: cluster.env });
}
