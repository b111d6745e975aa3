import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VOCAB_KEY_PATTERN } from '../../contract/index.ts';
import { freshKey, keyOfName } from './keys.ts';

describe('keys of imported terms', () => {
  it('reads a Chinese name as its pinyin', () => {
    expect(keyOfName('供暖')).toBe('gong_nuan');
  });

  it('gives every name a key of the vocabulary pattern, never one already taken', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.array(fc.string()), (name, t) => {
        const taken = new Set([...t, keyOfName(name)]);
        const key = freshKey(name, taken);
        expect(key).toMatch(new RegExp(VOCAB_KEY_PATTERN));
        expect(taken.has(key)).toBe(false);
      }),
    );
  });
});
