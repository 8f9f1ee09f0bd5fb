import { DEFAULT_SUBSCRIBERS, subscribersSetting, takesEvent } from './subscribers';

const problems = (value: string) =>
  subscribersSetting.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

describe('SUBSCRIBERS', () => {
  it('reads name=url as every type and name[A|B]=url as those types', () => {
    expect(
      subscribersSetting.parse(
        'audit=http://audit:80/events , query[PostCreated|CommentCreated]=https://q/events',
      ),
    ).toEqual([
      { name: 'audit', url: 'http://audit:80/events', types: null },
      { name: 'query', url: 'https://q/events', types: ['PostCreated', 'CommentCreated'] },
    ]);
  });

  it('reads the default local topology', () => {
    expect(subscribersSetting.parse(DEFAULT_SUBSCRIBERS).map(({ name }) => name)).toEqual([
      'query',
      'comments',
      'moderation',
    ]);
  });

  it.each([
    ['no url', 'query', /"query" must look like name=url/],
    [
      'a name JetStream cannot use',
      'q.1=http://q/events',
      /"q.1=http:\/\/q\/events" must look like/,
    ],
    [
      'an unknown type',
      'q[PostCreated|PostDeleted]=http://q/events',
      /unknown event type "PostDeleted"/,
    ],
    ['an empty type list', 'q[]=http://q/events', /unknown event type ""/],
    ['a URL that is not http(s)', 'q=ftp://q/events', /ftp:\/\/q\/events is not an http\(s\) URL/],
    ['a name used twice', 'q=http://a/events,q=http://b/events', /the name q is used twice/],
  ])('refuses %s, naming the entry', (_case, value, message) => {
    expect(problems(value)).toEqual([expect.stringMatching(message)]);
  });

  it('reports every bad entry at once', () => {
    expect(problems('a=nope,b[Nope]=http://b/events,c')).toHaveLength(3);
  });

  it('lets a subscriber without types take every event', () => {
    const [all, some] = subscribersSetting.parse('all=http://a/e,some[PostCreated]=http://s/e');
    expect(takesEvent(all!, 'CommentUpdated')).toBe(true);
    expect(takesEvent(some!, 'PostCreated')).toBe(true);
    expect(takesEvent(some!, 'CommentUpdated')).toBe(false);
  });
});
