import { moderationPolicy } from './moderation-policy';

describe('moderationPolicy', () => {
  const decide = moderationPolicy(['orange']);

  it.each(['orange', 'Orange!', 'an orange', 'I like ORANGE juice', 'apple,orange.', '"orange"'])(
    'rejects %j',
    (content) => {
      expect(decide(content)).toBe('rejected');
    },
  );

  it.each(['orangery', 'oranges', 'blood-oranges', 'orange_juice', 'orangé', 'apple', ''])(
    'approves %j',
    (content) => {
      expect(decide(content)).toBe('approved');
    },
  );

  it('rejects any of several blocked words', () => {
    const several = moderationPolicy(['orange', 'kiwi']);
    expect(several('a kiwi')).toBe('rejected');
    expect(several('an orange')).toBe('rejected');
    expect(several('a banana')).toBe('approved');
  });

  it('matches configured words literally, regex characters included', () => {
    const literal = moderationPolicy(['c++', 'a.b', '(x)', 'blood-orange', 'a/b']);
    expect(literal('I write C++ daily')).toBe('rejected');
    expect(literal('see a.b here')).toBe('rejected');
    expect(literal('axb')).toBe('approved');
    expect(literal('call (x) now')).toBe('rejected');
    expect(literal('c+')).toBe('approved');
    expect(literal('Blood-Orange!')).toBe('rejected');
    expect(literal('a/b')).toBe('rejected');
  });

  it('matches words in any script, ignoring case', () => {
    const accented = moderationPolicy(['Éclair']);
    expect(accented('un éclair au chocolat')).toBe('rejected');
    expect(accented('éclairage')).toBe('approved');
  });

  it('approves everything when no word is blocked', () => {
    expect(moderationPolicy([])('orange')).toBe('approved');
  });
});
