import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api.ts';
import { loginProblem } from './login-problem.ts';

describe('loginProblem', () => {
  it('says a wrong password is wrong, and keeps what the server said', () => {
    expect(loginProblem(new ApiError('unauthorized', 401, 'Wrong username or password.'))).toEqual({
      key: 'login.wrong',
      detail: 'Wrong username or password.',
      wrongCredentials: true,
    });
  });

  it('names the lock in the one answer to every refused login', () => {
    const message =
      'Wrong username or password. After 5 wrong passwords in a row an account is locked for 15 minutes.';
    const problem = loginProblem(new ApiError('unauthorized', 401, message));
    expect(problem.key).toBe('login.wrong');
    expect(problem.detail).toBe(message);
  });

  it('tells how long to wait after too many attempts when the server says', () => {
    const problem = loginProblem(new ApiError('badRequest', 429, 'Too many requests', 42));
    expect(problem.key).toBe('login.tooMany');
    expect(problem.params).toEqual({ seconds: 42 });
  });

  it('asks to retry shortly when the server does not say how long', () => {
    expect(loginProblem(new ApiError('badRequest', 429, null)).key).toBe('login.tooManyLater');
  });

  it('explains a rejected input', () => {
    const problem = loginProblem(new ApiError('badRequest', 400, 'body/username must match'));
    expect(problem).toMatchObject({ key: 'login.invalid', detail: 'body/username must match' });
  });

  it('explains an unreachable server or database as the other views do', () => {
    expect(loginProblem(new ApiError('network', 0, null)).key).toBe('error.network');
    expect(loginProblem(new ApiError('unavailable', 503, 'down')).key).toBe('error.unavailable');
  });

  it('says a refused login by its problem code, with the lock rule the server gave', () => {
    const body = {
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Wrong username or password. …',
      code: 'login.refused',
      params: { maxFailed: 4, lockMinutes: 9 },
    };
    const problem = loginProblem(new ApiError('unauthorized', 401, body.message, null, body));
    expect(problem).toMatchObject({
      key: 'problem.login.refused',
      params: { maxFailed: 4, lockMinutes: 9 },
      wrongCredentials: true,
    });
  });

  it('ignores a code the contract does not list', () => {
    const body = { statusCode: 401, error: 'Unauthorized', message: 'x', code: 'made.up' };
    expect(loginProblem(new ApiError('unauthorized', 401, 'x', null, body)).key).toBe(
      'login.wrong',
    );
  });
});
