/**
 * Who may open the data import. Kept apart from the import's state so that the shell, which
 * shows the 数据导入 button, does not pull the import page's code and catalogue in with it.
 */
import type { Me } from '../../server/contract/index.ts';

/** Whether a session may import data: admins only (the server says the same). */
export function mayImportData(me: Me | null): me is Me {
  return me?.role === 'admin';
}
