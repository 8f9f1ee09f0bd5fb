import { z } from 'zod';
import {
  PAGE_MAX_LIMIT,
  commentStatusSchema,
  createCommentBodySchema,
  createPostBodySchema,
  pageQuerySchema,
} from './api';
import { CONTENT_MAX_LENGTH, TITLE_MAX_LENGTH } from './limits';

const messages = (result: { error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message);

describe.each([
  ['createPostBodySchema', createPostBodySchema, 'title', TITLE_MAX_LENGTH],
  ['createCommentBodySchema', createCommentBodySchema, 'content', CONTENT_MAX_LENGTH],
] as const)('%s', (_name, schema, field, max) => {
  it('trims surrounding whitespace', () => {
    expect(schema.parse({ [field]: '  Hello  ' })).toEqual({ [field]: 'Hello' });
  });

  it('accepts the longest allowed value, counted after trimming', () => {
    const value = 'x'.repeat(max);
    expect(schema.parse({ [field]: ` ${value} ` })).toEqual({ [field]: value });
  });

  it.each([
    ['is missing', {}, `${field} is required`],
    ['is not a string', { [field]: 42 }, `${field} must be a string`],
    ['is blank', { [field]: '   ' }, `${field} must not be empty`],
    ['is too long', { [field]: 'x'.repeat(max + 1) }, `${field} must be at most ${max} characters`],
  ])('explains that the field %s', (_case, body, message) => {
    const result = schema.safeParse(body);
    expect(messages(result)).toEqual([message]);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });

  it('drops fields it does not know', () => {
    expect(schema.parse({ [field]: 'ok', id: 'chosen-by-client' })).toEqual({ [field]: 'ok' });
  });
});

describe('pageQuerySchema', () => {
  it('defaults to the largest page', () => {
    expect(pageQuerySchema.parse({})).toEqual({ limit: PAGE_MAX_LIMIT });
  });

  it('reads the limit from a query string value', () => {
    expect(pageQuerySchema.parse({ limit: '25', after: 'abc' })).toEqual({
      limit: 25,
      after: 'abc',
    });
  });

  it.each(['0', '-1', '2.5', 'ten', String(PAGE_MAX_LIMIT + 1), '', ' 5', '1e2', '0x10'])(
    'rejects limit=%p',
    (limit) => {
      const result = pageQuerySchema.safeParse({ limit });
      expect(result.error?.issues[0]?.path).toEqual(['limit']);
    },
  );

  it('rejects an over-long or repeated cursor', () => {
    expect(pageQuerySchema.safeParse({ after: 'x'.repeat(65) }).success).toBe(false);
    expect(pageQuerySchema.safeParse({ after: ['a', 'b'] }).success).toBe(false);
  });
});

describe('commentStatusSchema', () => {
  it('knows exactly the three statuses', () => {
    expect(commentStatusSchema.options).toEqual(['pending', 'approved', 'rejected']);
    expect(commentStatusSchema.safeParse('spam').success).toBe(false);
  });
});

describe('the documented rule for text fields', () => {
  const { pattern } = z.toJSONSchema(createPostBodySchema, { io: 'input' }).properties!.title as {
    pattern: string;
  };

  it('tells blank from not blank exactly as validation does, for every character', () => {
    const disagreements: string[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      const title = String.fromCharCode(code);
      const documented = new RegExp(pattern).test(` ${title} `);
      if (documented !== createPostBodySchema.safeParse({ title: ` ${title} ` }).success) {
        disagreements.push(code.toString(16));
      }
    }
    expect(disagreements).toEqual([]);
  });
});
