/**
 * Roles, weakest first. `public` is the anonymous visitor of the read-only embedded demo;
 * `screen` a big-screen kiosk. Both see aggregates and public layers only.
 */
export const ROLES = ['public', 'screen', 'official', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: set on every request by the access plugin. */
export interface Principal {
  role: Role;
  userId: number | null;
  username: string | null;
  /** An official's area; null means no area restriction (planner, admin) or none at all. */
  areaCode: string | null;
}

export const ANONYMOUS: Principal = {
  role: 'public',
  userId: null,
  username: null,
  areaCode: null,
};

/**
 * What a route requires: `none` (login, health, the client), or the weakest role allowed.
 * Every route must declare one; the access plugin refuses to start a route without it.
 */
export type Access = 'none' | Role;

export function allows(principal: Principal, access: Access): boolean {
  if (access === 'none') return true;
  return ROLES.indexOf(principal.role) >= ROLES.indexOf(access);
}
