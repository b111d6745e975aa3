/**
 * Who may open the admin page. Kept apart from the page so that the shell, which shows the
 * 系统管理 link, does not pull the page's code and catalogue in with it.
 */
import type { Me } from '../../server/contract/index.ts';

/** Whether a session may administer users, tokens and the audit log: admins only (the server says the same). */
export function mayAdminister(me: Me | null): me is Me {
  return me?.role === 'admin';
}
