/**
 * The sentences of the problems the API names by code (`server/contract/problems.ts`), in each
 * language: the compiler checks that every code has one. `{name}` are the answer's `params`.
 */
import type { ProblemCode } from '../../../server/contract/problems.ts';

type ProblemKey = `problem.${ProblemCode}`;

export const problemZh = {
  'problem.request.invalid': '请求中的 {field} 不符合要求。',
  'problem.request.notOneOf': '请求中的 {field} 只能取以下值之一：{allowed}。',
  'problem.request.cutShort': '请求内容未完整发送：连接在途中断开，请重试。',
  'problem.request.tooMany': '请求过于频繁：每分钟最多 {max} 次，请在 {retryS} 秒后重试。',
  'problem.db.unreachable': '数据库暂时无法访问，请稍后重试。',
  'problem.server.internal': '服务器内部错误，已记入服务器日志。',
  'problem.login.refused':
    '用户名或密码不正确。连续输错 {maxFailed} 次密码后，账号将锁定 {lockMinutes} 分钟。',
  'problem.login.required': '请先登录。',
  'problem.login.demoOnly': '此内容需要登录：公开演示只展示汇总数据和公开图层。',
  'problem.kiosk.unknown': '大屏令牌无效或已被撤销，请向管理员索取新的大屏地址。',
  'problem.role.required': '此操作需要“{role}”或更高的角色；当前账号的角色是“{yours}”。',
  'problem.area.unknown': '没有编码为 {code} 的区域。',
  'problem.planner.noPianqu': '当前没有可供调整的片区。',
  'problem.planner.noSuccessor': '片区 {code} 没有社区可以接替它。',
  'problem.planner.recordsCollide':
    '片区 {code} 无法撤销：它在 {table} 中的记录与接替它的 {successor} 的记录冲突。',
  'problem.planner.stillReferenced': '片区 {code} 仍被其他记录引用，无法撤销。',
  'problem.planner.staleBase':
    '方案 {scenario} 基于边界版本 {base}，而当前版本是 {current}：请在当前版本上打开并重新保存。',
  'problem.planner.effectiveDate': '生效日期须晚于当前版本的 {after}，且不晚于今天（{today}）。',
  'problem.planner.appliedMeanwhile': '其间已有另一方案生效，请重试。',
  'problem.planner.unconfirmed':
    '方案有未确认的问题：不连通的片区 {nonContiguous}；超出人口区间的片区 {outsideBand}。请重新打开方案并逐项确认。',
  'problem.admin.usernameTaken': '用户名 {username} 已被使用。',
  'problem.admin.selfDemote': '管理员不能停用自己的账号或降低自己的角色。',
  'problem.admin.auditTooLarge': '符合条件的审计记录超过 {max} 条，请缩小筛选范围后再导出。',
  'problem.admin.passwordWeak': '密码至少 10 个字符，且至少包含 5 个不同的字符。',
  'problem.admin.areaNeeded': '基层书记账号须指定管辖区域（片区、社区或小区）。',
} satisfies Record<ProblemKey, string>;

export const problemEn = {
  'problem.request.invalid': '{field} in the request is not valid.',
  'problem.request.notOneOf': '{field} in the request must be one of: {allowed}.',
  'problem.request.cutShort': 'The request was cut short: the connection closed. Please retry.',
  'problem.request.tooMany': 'Too many requests: at most {max} a minute; retry in {retryS} s.',
  'problem.db.unreachable': 'The database is unreachable; retry shortly.',
  'problem.server.internal': 'Internal server error; it is in the server log.',
  'problem.login.refused':
    'Wrong username or password. After {maxFailed, plural, one {# wrong password} other {# wrong passwords}} in a row an account is locked for {lockMinutes, plural, one {# minute} other {# minutes}}.',
  'problem.login.required': 'Please log in.',
  'problem.login.demoOnly':
    'This needs a login: the open demo shows aggregates and public layers only.',
  'problem.kiosk.unknown':
    'Unknown or revoked screen token; ask an admin for a new screen address.',
  'problem.role.required': 'This needs the role {role} or higher; you are {yours}.',
  'problem.area.unknown': 'No area with code {code}.',
  'problem.planner.noPianqu': 'There is no district to apply the plan to.',
  'problem.planner.noSuccessor': 'District {code} has no community to succeed it.',
  'problem.planner.recordsCollide':
    'District {code} cannot be dissolved: its records in {table} collide with those of {successor}, which would take them over.',
  'problem.planner.stillReferenced':
    'District {code} is still referenced by other records and cannot be dissolved.',
  'problem.planner.staleBase':
    'Plan {scenario} starts from boundary version {base}, but version {current} is current: open it on the current version and save again.',
  'problem.planner.effectiveDate':
    'The effective date must be after {after} (the current version’s) and not after today ({today}).',
  'problem.planner.appliedMeanwhile': 'Another plan was applied meanwhile; try again.',
  'problem.planner.unconfirmed':
    'The plan has problems not confirmed: non-contiguous districts {nonContiguous}; districts outside the band {outsideBand}. Open the plan again and confirm each.',
  'problem.admin.usernameTaken': 'The username {username} is taken.',
  'problem.admin.selfDemote': 'An admin cannot disable or demote themselves.',
  'problem.admin.auditTooLarge':
    'More than {max} audit lines match: narrow the filters and export again.',
  'problem.admin.passwordWeak':
    'A password needs at least 10 characters, with at least 5 different ones.',
  'problem.admin.areaNeeded': 'An official needs an area (a district, community or compound).',
} satisfies Record<ProblemKey, string>;
