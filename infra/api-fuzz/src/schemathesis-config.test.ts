import type { OpenApiDocument } from '@blog/service-kit';
import { schemathesisConfig } from './schemathesis-config';

const answer = { description: 'an answer' };
const document: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'things', version: '1' },
  paths: {
    '/things': {
      post: {
        summary: 'Create',
        responses: { 201: answer, 400: answer, 413: answer, 415: answer, 503: answer },
      },
    },
    '/things/{id}/parts/{part}': {
      get: { summary: 'Read', responses: { 200: answer, 400: answer, 404: answer } },
    },
  },
  components: { schemas: {} },
};

describe('schemathesisConfig', () => {
  it('expects each operation to answer allowed input as documented, refused input with 4xx', () => {
    expect(schemathesisConfig(document, { id: 'a1', part: 'wheel' })).toBe(
      [
        '# Written by infra/api-fuzz for one service and one run.',
        '[checks.negative_data_rejection]',
        'expected-statuses = ["400", "413", "415"]',
        '',
        '[[operations]]',
        'include-name = "POST /things"',
        'checks.positive_data_acceptance.expected-statuses = ["201", "503"]',
        '',
        '[[operations]]',
        'include-name = "GET /things/{id}/parts/{part}"',
        'checks.positive_data_acceptance.expected-statuses = ["200", "404"]',
        'parameters = { "id" = "a1", "part" = "wheel" }',
        '',
      ].join('\n'),
    );
  });

  it('refuses a path parameter it has no value for', () => {
    expect(() => schemathesisConfig(document, { id: 'a1' })).toThrow(
      '/things/{id}/parts/{part}: no value to fuzz {part} with',
    );
  });
});
