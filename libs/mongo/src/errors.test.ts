import { DependencyUnavailableError } from '@blog/service-kit';
import { describeWithMongo, dropDatabase, uniqueMongoUrl } from '@blog/testing';
import mongoose from 'mongoose';
import { noteSchema } from '../test/test-model';
import { isConnectivityError, isDuplicateKeyError, withDatabase } from './errors';

/** The error the driver really raises when no server answers. */
async function serverSelectionError(): Promise<Error> {
  const connection = mongoose.createConnection();
  try {
    await connection.openUri('mongodb://127.0.0.1:1/none', { serverSelectionTimeoutMS: 200 });
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  } finally {
    await connection.close();
  }
  throw new Error('expected the connection to fail');
}

/** The error mongoose raises for an operation before the first connection, buffering off. */
async function notConnectedYetError(): Promise<unknown> {
  const connection = mongoose.createConnection();
  const schema = noteSchema();
  schema.set('bufferCommands', false);
  return connection
    .model('Note', schema)
    .find()
    .then(
      () => {
        throw new Error('expected the query to fail');
      },
      (error: unknown) => error,
    );
}

describe('isConnectivityError', () => {
  it('recognises an unreachable server', async () => {
    expect(isConnectivityError(await serverSelectionError())).toBe(true);
  });

  it('recognises an operation refused before the first connection', async () => {
    expect(isConnectivityError(await notConnectedYetError())).toBe(true);
  });

  it('does not mistake a bad document or other errors for an outage', async () => {
    const Note = mongoose.createConnection().model('Note', noteSchema());
    const invalid: unknown = await new Note({}).validate().catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(mongoose.Error.ValidationError);
    expect(isConnectivityError(invalid)).toBe(false);
    expect(isConnectivityError(new Error('connection refused'))).toBe(false);
    expect(isConnectivityError({ name: 'MongoNetworkError' })).toBe(false);
    expect(isConnectivityError(undefined)).toBe(false);
  });
});

describe('withDatabase', () => {
  it('turns an unreachable database into DependencyUnavailableError, keeping the cause', async () => {
    const cause = await serverSelectionError();
    const error: unknown = await withDatabase(() => Promise.reject(cause)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(error).toMatchObject({ dependency: 'mongodb', cause });
  });

  it('lets every other error through unchanged', async () => {
    const bug = new TypeError('bug');
    await expect(withDatabase(() => Promise.reject(bug))).rejects.toBe(bug);
  });

  it('returns what the operation returns', async () => {
    await expect(withDatabase(() => Promise.resolve(42))).resolves.toBe(42);
  });
});

describeWithMongo('isDuplicateKeyError', () => {
  it('recognises the error of inserting an id twice, and only that', async () => {
    const url = uniqueMongoUrl('mongo_errors');
    const connection = await mongoose.createConnection(url).asPromise();
    try {
      const Note = connection.model('Note', noteSchema());
      await Note.create({ _id: 'same', text: 'first' });
      const duplicate: unknown = await Note.create({ _id: 'same', text: 'again' }).catch(
        (e: unknown) => e,
      );
      expect(isDuplicateKeyError(duplicate)).toBe(true);
      expect(isConnectivityError(duplicate)).toBe(false);
      const invalid: unknown = await Note.create({ _id: 'other' }).catch((e: unknown) => e);
      expect(isDuplicateKeyError(invalid)).toBe(false);
    } finally {
      await connection.close();
      await dropDatabase(url);
    }
  });
});

describe('isDuplicateKeyError without a server', () => {
  it('is false for anything without code 11000', () => {
    expect(isDuplicateKeyError(null)).toBe(false);
    expect(isDuplicateKeyError(new Error('E11000 in the message only'))).toBe(false);
    expect(isDuplicateKeyError({ code: 11001 })).toBe(false);
  });
});
