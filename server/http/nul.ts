/**
 * Where the first NUL character (U+0000) sits in a request value, as a path such as
 * `body/pianqu/0/name`, or null when there is none. PostgreSQL text cannot hold NUL: a query
 * given one fails with "invalid byte sequence", which would reach the client as a 500.
 * Object keys are checked too, since they become values in mappings and reports.
 *
 * The walk keeps its own stack: a 1 MiB JSON body can nest far deeper than the call stack.
 */
export function nulPath(value: unknown, path: string): string | null {
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length > 0) {
    const [item, at] = stack.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return at;
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    // Files (the planner's CSV, import uploads) arrive as bytes or streams: their parsers read
    // them. Everything else is walked, whatever its prototype: the parsed query string's objects
    // have one of their own.
    if (ArrayBuffer.isView(item) || typeof (item as { pipe?: unknown }).pipe === 'function') {
      continue;
    }
    const entries = Object.entries(item);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      const childAt = `${at}/${key.replaceAll('\u0000', '\\0')}`;
      if (key.includes('\u0000')) return childAt;
      stack.push([child, childAt]);
    }
  }
  return null;
}
