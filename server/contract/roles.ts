/**
 * Roles, weakest first. `public` is the anonymous visitor of the read-only embedded demo;
 * `screen` a big-screen kiosk. Both see aggregates and public layers only.
 */
export const ROLES = ['public', 'screen', 'official', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a route requires: `none` (login, health, the client), or the weakest role allowed.
 * Every route must declare one; the access plugin refuses to start a route without it.
 */
export type Access = 'none' | Role;
