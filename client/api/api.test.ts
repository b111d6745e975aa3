import { describe, expect, it } from 'vitest';
import { ApiError, failureOfStatus, isRetryable, parseRetryAfter, requestBody } from './api.ts';

describe('failureOfStatus', () => {
  it('tells a missing area from a bad request', () => {
    expect(failureOfStatus(404)).toBe('notFound');
    expect(failureOfStatus(400)).toBe('badRequest');
  });

  it('tells a missing login from a missing permission', () => {
    expect(failureOfStatus(401)).toBe('unauthorized');
    expect(failureOfStatus(403)).toBe('forbidden');
  });

  it('treats an unreachable database or gateway as unavailable', () => {
    expect(failureOfStatus(503)).toBe('unavailable');
    expect(failureOfStatus(502)).toBe('unavailable');
  });

  it('treats anything else as a server error', () => {
    expect(failureOfStatus(500)).toBe('server');
  });
});

describe('ApiError', () => {
  it('keeps the server message and names the catalogue sentence', () => {
    const error = new ApiError('notFound', 404, 'No area with code PQ99');
    expect(error.message).toBe('No area with code PQ99');
    expect(error.messageKey).toBe('error.notFound');
  });
});

describe('isRetryable', () => {
  it('retries when the server could not answer', () => {
    expect(isRetryable(new ApiError('network', 0, null))).toBe(true);
    expect(isRetryable(new ApiError('unavailable', 503, 'down'))).toBe(true);
  });

  it('does not retry a request the server rejected', () => {
    expect(isRetryable(new ApiError('notFound', 404, 'No area with code PQ99'))).toBe(false);
    expect(isRetryable(new ApiError('forbidden', 403, 'no'))).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  it('reads a wait in seconds', () => {
    expect(parseRetryAfter('5')).toBe(5);
    expect(parseRetryAfter(' 42 ')).toBe(42);
  });

  it('ignores a missing header and the HTTP-date form', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT')).toBeNull();
  });
});

describe('requestBody', () => {
  it('sends a picked file as its raw bytes, not as JSON', () => {
    const file = new File([new Uint8Array([0xb9, 0xa4])], '工单.csv');
    const { headers, payload } = requestBody(file);
    expect(headers['content-type']).toBe('application/octet-stream');
    expect(payload).toBe(file);
  });

  it('still sends a string as CSV text and an object as JSON', () => {
    expect(requestBody('a,b').headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(requestBody({ a: 1 })).toEqual({
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      payload: '{"a":1}',
    });
  });
});
