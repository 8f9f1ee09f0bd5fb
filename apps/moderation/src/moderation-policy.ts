import type { EventData } from '@blog/contracts';

export type Verdict = EventData<'CommentModerated'>['status'];

/** Letters, digits and `_`, in any script: what a word is made of. */
const WORD_CHARACTER = String.raw`[\p{L}\p{N}_]`;

/**
 * Returns the decision for a comment's content: `rejected` when it contains one of
 * `blockedWords` as a whole word, in any letter case ("Orange!" and "an ORANGE" match `orange`,
 * "orangery" does not), `approved` otherwise. Configured words are matched literally, even when
 * they contain characters that mean something in a regular expression.
 */
export function moderationPolicy(blockedWords: readonly string[]): (content: string) => Verdict {
  if (blockedWords.length === 0) return () => 'approved';
  const alternatives = blockedWords.map(escapeRegExp).join('|');
  // Unicode-aware boundaries: `\b` knows only ASCII letters, so it would split "orangé".
  const blocked = new RegExp(
    `(?<!${WORD_CHARACTER})(?:${alternatives})(?!${WORD_CHARACTER})`,
    'iu',
  );
  return (content) => (blocked.test(content) ? 'rejected' : 'approved');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
