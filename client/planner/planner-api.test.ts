import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api.ts';
import { ImportRejectedError, importScenario } from './planner-api.ts';

afterEach(() => vi.unstubAllGlobals());

const reply = (status: number, body: unknown) =>
  vi.fn(async () => new Response(JSON.stringify(body), { status }));

describe('importScenario', () => {
  it('sends the CSV as text/csv and returns the new scenario', async () => {
    const fetch = reply(201, { id: 7 });
    vi.stubGlobal('fetch', fetch);
    expect(await importScenario('shequ,pianqu\r\nSQ01,PQ01\r\n', '方案')).toEqual({ id: 7 });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`/api/planner/import?name=${encodeURIComponent('方案')}`);
    expect((init.headers as Record<string, string>)['content-type']).toContain('text/csv');
    expect(init.body).toBe('shequ,pianqu\r\nSQ01,PQ01\r\n');
  });

  it("turns the server's row report into an ImportRejectedError", async () => {
    const problems = [{ row: 3, code: 'SQ99', problem: 'unknown_shequ', message: 'no 社区 SQ99' }];
    vi.stubGlobal('fetch', reply(400, { statusCode: 400, message: '1 problem', problems }));
    const error = await importScenario('x', 'y').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect((error as ImportRejectedError).problems).toEqual(problems);
    expect((error as ImportRejectedError).kind).toBe('badRequest');
  });

  it('keeps any other failure a plain ApiError', async () => {
    vi.stubGlobal('fetch', reply(503, { message: 'database unavailable' }));
    const error = await importScenario('x', 'y').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(ImportRejectedError);
    expect((error as ApiError).kind).toBe('unavailable');
  });
});
