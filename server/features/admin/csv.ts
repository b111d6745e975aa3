import type { AuditAction } from '../../contract/index.ts';
import { csvFile } from '../../lib/csv.ts';
import type { AuditCsvRow } from './repository.ts';

/**
 * zh-CN names of the audit log's actions for the CSV (the UI's catalogue lives in the client);
 * the action's key is written beside it, for filters and scripts.
 */
const ACTION: Record<AuditAction, string> = {
  login: '登录',
  'login.failed': '登录失败',
  logout: '退出登录',
  'kiosk.session': '大屏登录',
  'kiosk.session.failed': '大屏登录失败',
  'kiosk.create': '创建大屏令牌',
  'kiosk.revoke': '撤销大屏令牌',
  'api-token.create': '创建接口令牌',
  'api-token.revoke': '撤销接口令牌',
  'api-token.use': '使用接口令牌',
  'user.create': '创建用户',
  'user.update': '修改用户',
  'issue.reporter.read': '查看上报人信息',
  'planner.create': '保存新方案',
  'planner.update': '修改方案',
  'planner.duplicate': '复制方案',
  'planner.delete': '删除方案',
  'planner.apply': '方案生效',
  'data.import': '数据导入',
  'data.restore': '恢复导入前数据',
  'dataset.update': '修改数据集设置',
};

/** The audit lines as a CSV for Excel: Chinese headers, local times, the detail as JSON. */
export function auditCsv(rows: readonly AuditCsvRow[], timeZone: string): string {
  return csvFile([
    [`时间（${timeZone}）`, '操作人', '操作', '操作代码', '对象', '详情'],
    ...rows.map((r) => [
      r.at,
      r.actor,
      ACTION[r.action as AuditAction] ?? r.action,
      r.action,
      r.target,
      r.detail,
    ]),
  ]);
}
