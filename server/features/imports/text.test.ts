import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { EncodingError, LineDecoder, chooseEncoding, isUtf8 } from './text.ts';

describe('text encodings', () => {
  it('takes valid UTF-8 as UTF-8 and GBK bytes as GB18030', () => {
    expect(chooseEncoding(Buffer.from('编号,名称\n1,海韵'), undefined)).toBe('utf-8');
    expect(chooseEncoding(iconv.encode('编号,名称\n1,海韵', 'gbk'), 'auto')).toBe('gb18030');
  });

  it('ignores a multi-byte character cut at the end of the sample', () => {
    expect(isUtf8(Buffer.from('海韵', 'utf8').subarray(0, 4))).toBe(true);
  });

  it('decodes across chunk boundaries that split a character', () => {
    const bytes = iconv.encode('名称\r\n海韵丽苑\r\n', 'gbk');
    const d = new LineDecoder('gb18030');
    const text = d.decode(bytes.subarray(0, 7)) + d.decode(bytes.subarray(7), true);
    expect(text).toBe('名称\r\n海韵丽苑\r\n');
  });

  it('names the line of a byte that is not valid in the encoding', () => {
    const bytes = Buffer.concat([Buffer.from('a\nb\n'), iconv.encode('海\n', 'gbk')]);
    const d = new LineDecoder('utf-8');
    try {
      d.decode(bytes, true);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EncodingError);
      expect((e as EncodingError).line).toBe(3);
    }
  });
});
