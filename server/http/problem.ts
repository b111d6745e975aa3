import { STATUS_CODES } from 'node:http';
import {
  PROBLEM_CODES,
  type ApiError,
  type ProblemCode,
  type ProblemParams,
} from '../contract/index.ts';

/**
 * An error a route throws for a problem the app's users meet: its HTTP status, its stable code
 * (`contract/problems.ts`, said by the client in the UI's language) and the English message API
 * callers read. The error handler writes all three into the answer.
 */
export class Problem extends Error {
  constructor(
    readonly statusCode: number,
    readonly problem: ProblemCode,
    message: string,
    readonly params?: ProblemParams,
  ) {
    super(message);
    this.name = 'Problem';
  }
}

/** The error answer's body, for the hooks that answer without throwing. */
export function problemBody(
  statusCode: number,
  message: string,
  code?: ProblemCode,
  params?: ProblemParams,
): ApiError {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    ...(code ? { code } : {}),
    ...(params ? { params } : {}),
  };
}

const isProblemCode = (value: unknown): value is ProblemCode =>
  (PROBLEM_CODES as readonly unknown[]).includes(value);

/**
 * The code and values of a thrown error: a {@link Problem}, or a body built by
 * {@link problemBody} that a plugin throws as it is (@fastify/rate-limit throws what its
 * `errorResponseBuilder` returns). Fastify's own `code`s (`FST_ERR_…`) are not ours.
 */
export function problemOf(error: unknown): { code: ProblemCode; params?: ProblemParams } | null {
  if (error instanceof Problem) {
    return { code: error.problem, ...(error.params ? { params: error.params } : {}) };
  }
  const body = error as Partial<ApiError> | null;
  if (!body || !isProblemCode(body.code)) return null;
  return { code: body.code, ...(body.params ? { params: body.params } : {}) };
}

/** No area has this code (or these, comma-separated): 404, or 400 where a list names them. */
export const unknownArea = (codes: string, statusCode = 404): Problem =>
  new Problem(statusCode, 'area.unknown', `No area with code ${codes}`, { code: codes });
