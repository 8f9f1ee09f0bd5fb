/**
 * Runs `write` once no other write of this process to the same documents is in progress.
 *
 * The stores' compare-and-set updates rely on MongoDB applying each single-document update
 * atomically, which MongoDB does. FerretDB 1.x on SQLite (the MongoDB-compatible server CI runs,
 * because mongod cannot be downloaded there) does not: it reads, changes and replaces, so two
 * overlapping updates of one document can lose one of them (a relay marking an event published
 * could erase the event a moderation update just appended). Queuing a process's own writes per
 * document closes that gap for a single replica; across replicas the guarantee is MongoDB's.
 * Keys are taken in sorted order, so two multi-document writes cannot wait on each other.
 */
export async function serializeWrites<T>(
  model: { modelName: string },
  ids: string[],
  write: () => Promise<T>,
): Promise<T> {
  const keys = [...new Set(ids)].sort().map((id) => `${model.modelName}:${id}`);
  const releases: (() => void)[] = [];
  try {
    for (const key of keys) releases.push(await acquire(key));
    return await write();
  } finally {
    for (const release of releases) release();
  }
}

/** The last queued write of each document; a new write waits for it. */
const queues = new Map<string, Promise<void>>();

async function acquire(key: string): Promise<() => void> {
  const previous = queues.get(key) ?? Promise.resolve();
  let release!: () => void;
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => done);
  queues.set(key, tail);
  await previous;
  return () => {
    release();
    if (queues.get(key) === tail) queues.delete(key);
  };
}
