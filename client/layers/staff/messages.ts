/** The messages of the sent-down staff overlay (its controls, legend and tooltips), in each language. */
export const staffZh = {
  'layers.overlay.staff': '下沉人员',
  'tip.onDuty': '在岗 {on} / 共 {total} 人',
  'tip.schedule': '排班',
  'staff.loginNeeded': '下沉人员岗位需基层书记及以上账号登录后查看。下面是所选区域按部门的人数。',
  'staff.forbidden': '当前账号无权查看该区域的下沉人员岗位。下面是按部门的人数。',
  'staff.date': '日期',
  'staff.hour': '时刻',
  'staff.onDuty': '在岗 {on} / {total} 人',
  'staff.haloLegend': '黄色光圈：在岗；灰色：不在岗；数字：同部门人数',
};

export const staffEn: Record<keyof typeof staffZh, string> = {
  'layers.overlay.staff': 'Staff sent down',
  'tip.onDuty': '{on} of {total} on duty',
  'tip.schedule': 'Schedule',
  'staff.loginNeeded':
    "Staff posts need an official login. Below: the selected area's staff by department.",
  'staff.forbidden':
    'Your account may not see staff posts in this area. Below: staff by department.',
  'staff.date': 'Date',
  'staff.hour': 'Hour',
  'staff.onDuty': '{on} of {total} on duty',
  'staff.haloLegend': 'Yellow halo: on duty; grey: off duty; number: staff of the department',
};
