import { DependencyUnavailableError } from '@blog/service-kit';

const CONNECTIVITY_ERROR_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoServerClosedError',
]);

/** True for errors that mean "the database cannot be reached right now", as opposed to a bad query. */
export function isConnectivityError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (CONNECTIVITY_ERROR_NAMES.has(error.name)) return true;
  // Mongoose refuses operations before the first connection when buffering is off.
  return (
    error.name === 'MongooseError' &&
    /before initial connection|buffering timed out/.test(error.message)
  );
}

export function isDuplicateKeyError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 11000;
}

/** Runs a database operation; an unreachable database becomes a 503-worthy DependencyUnavailableError. */
export async function withDatabase<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isConnectivityError(error))
      throw new DependencyUnavailableError('mongodb', { cause: error });
    throw error;
  }
}
