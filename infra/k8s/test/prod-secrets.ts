import { readFileSync } from 'node:fs';
import path from 'node:path';
import { K8S_ROOT } from '../src/manifests';
import type { ExternalSecrets } from '../src/pod-environment';

/**
 * The prod overlay leaves the Secret `mongo-urls` to the operator, who makes it from a copy of
 * mongo-urls.env.example; the checks read that example, so it must hold every key pods use.
 */
export function prodSecrets(): ExternalSecrets {
  const file = path.join(K8S_ROOT, 'overlays/prod/mongo-urls.env.example');
  const entries = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [key, ...value] = line.split('=');
      return [key!.trim(), value.join('=').trim()] as const;
    });
  return { 'mongo-urls': Object.fromEntries(entries) };
}
