/**
 * The admin page's writes (`adminRoutes` in the contract), each followed by reading again the
 * lists it changed; the page reads with `useRouteQuery`.
 */
import type { QueryClient } from '@tanstack/react-query';
import {
  adminRoutes,
  routeUrl,
  type AuditCsvQuery,
  type CreateUserBody,
  type KioskToken,
  type UpdateUserBody,
  type User,
} from '../../server/contract/index.ts';
import { invalidateRoutes } from '../api/query.ts';
import { request } from '../api/request.ts';

/** Every write is audited: the log is read again with the list it changed. */
const { users, kioskTokens, audit } = adminRoutes;

export async function createUser(client: QueryClient, body: CreateUserBody): Promise<User> {
  const user = await request(adminRoutes.createUser, { body });
  await invalidateRoutes(client, users, audit);
  return user;
}

export async function updateUser(
  client: QueryClient,
  id: number,
  body: UpdateUserBody,
): Promise<User> {
  const user = await request(adminRoutes.updateUser, { params: { id }, body });
  await invalidateRoutes(client, users, audit);
  return user;
}

/** The new token is in this answer only. */
export async function createKioskToken(client: QueryClient, label: string): Promise<KioskToken> {
  const token = await request(adminRoutes.createKioskToken, { body: { label } });
  await invalidateRoutes(client, kioskTokens, audit);
  return token;
}

export async function revokeKioskToken(client: QueryClient, id: number): Promise<void> {
  await request(adminRoutes.revokeKioskToken, { params: { id } });
  await invalidateRoutes(client, kioskTokens, audit);
}

/** Where the filtered audit log downloads as a CSV (an `<a href>`). */
export function auditCsvUrl(query: AuditCsvQuery): string {
  return routeUrl(adminRoutes.auditCsv, { query });
}
