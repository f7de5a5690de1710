/**
 * Event contents shared by the benchmarks: request metadata and section contents sized like
 * the demo data's, cycled through by the generators.
 */
import { randomUUID } from 'node:crypto';
import type { EventDraft, EventMeta } from '../../src/ledger/event-body';

export const META_IPS = ['10.8.1.23', '10.8.2.57', '10.8.3.101', '10.8.4.18', '10.8.5.95'];
export function meta(i: number, at: string): EventMeta {
  return {
    actor: i % 3 === 0 ? 'M101' : `E${1001 + (i % 9)}`,
    roles: i % 3 === 0 ? ['employee', 'manager'] : ['employee'],
    ip: META_IPS[i % META_IPS.length]!,
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    at,
    commandId: randomUUID(),
  };
}

/** Realistic section contents (sizes like the demo data's), cycled through by the generators. */
export const SECTIONS: Array<[string, Record<string, unknown>]> = [
  [
    'goalReview',
    {
      items: [
        {
          goal: '产量',
          target: '≥ 12,000 件/月',
          actual: '12,259 件/月',
          achievement: '102%',
          comment: '达成目标；主管意见：同意自评，亮点明显',
        },
        { goal: '合格率', target: '≥ 98.5%', actual: '98.9%', achievement: '100%', comment: '达成目标；主管意见：达成情况与系统数据一致' },
        { goal: '安全规范（5S 检查得分）', target: '≥ 90 分', actual: '94 分', achievement: '104%', comment: '超额完成目标' },
      ],
      overallRating: 'B+（良好）',
      managerSummary: '整体达成率约 102%，评级 B+（良好）。',
    },
  ],
  [
    'highlights',
    {
      items: [
        {
          case: '提出冲压模具快速换型的流程优化建议，并在本班组试行',
          data: '换型时间由 45 分钟降至 31 分钟，设备故障率下降 12%',
          impact: '已推广到 3 条冲压线',
        },
      ],
    },
  ],
  [
    'problems',
    {
      items: [
        {
          problem: '原材料到货不及时，影响排产与产量',
          cause: '主要钢材供应商到货周期由 7 天延长到 12 天，车间缺少到料预警，只能临时换线',
          measures: '与采购部建立每周到料预警；关键钢材保持 3 天安全库存；缺料时优先安排模具保养',
        },
      ],
    },
  ],
  [
    'improvementPlan',
    {
      principle: 'SMART：具体、可衡量、可达成、相关、有时限',
      items: [
        {
          action: '每班开机前完成 2 号线点检并记录异常',
          metric: '非计划停机时长 ≤ 4 小时/月',
          owner: '王建国（E1001）',
          deadline: '2026-09-30',
          checkpoint: '孙建华每月检查一次进度',
        },
      ],
    },
  ],
  [
    'nextGoals',
    {
      period: '2026 年第三季度',
      goals: [
        { goal: '合格率', target: '≥ 99.0%', deadline: '2026-09-30' },
        { goal: '产量', target: '≥ 12,600 件/月', deadline: '2026-09-30' },
      ],
      supportNeeds: ['需要设备科提前储备主轴轴承等易损件', '参加 PLC 编程中级培训'],
    },
  ],
  ['remarks', { text: '员工对设备老化问题反映较多，已同步生产部经理，纳入下季度设备预算讨论。' }],
];

/** One section edit of interview `interviewId` at record `version`: the event every append benchmark writes. */
export function sectionEdited(interviewId: string, version: number, k: number, i: number): EventDraft {
  const [section, content] = SECTIONS[k % SECTIONS.length]!;
  return {
    id: randomUUID(),
    type: 'InterviewSectionEdited',
    data: { interviewId, version, section, content },
    meta: meta(i, new Date(Date.UTC(2026, 6, 1) + i * 1000).toISOString()),
  };
}

/** Employee E(10000 + i) of the benchmarks' company, registered. */
export function personRegistered(i: number): EventDraft {
  return {
    id: randomUUID(),
    type: 'PersonRegistered',
    data: {
      personId: `E${10000 + i}`,
      name: ['王建国', '李娜', '张伟', '刘洋', '陈磊', '杨帆', '黄静', '吴强'][i % 8]! + String(i),
      department: '生产部',
      position: '冲压操作工',
      managerId: `M${100 + (i % 20)}`,
      category: 'production',
      level: 'staff',
      roles: ['employee'],
    },
    meta: meta(i, '2026-06-01T02:00:00.000Z'),
  };
}

/** Interview number `i`, of one of the first `people` employees (personRegistered), scheduled. */
export function interviewScheduled(interviewId: string, i: number, people: number): EventDraft {
  const employee = `E${10000 + (i % people)}`;
  return {
    id: randomUUID(),
    type: 'InterviewScheduled',
    data: {
      interviewId,
      templateId: 'standard-v1',
      version: 1,
      employeeId: employee,
      managerId: `M${100 + (i % 20)}`,
      participantIds: i % 4 === 0 ? ['HR002'] : [],
      department: '生产部',
      position: '冲压操作工',
      cycle: '2026-Q2',
      scheduledAt: new Date(Date.UTC(2026, 6, 6, 2) + (i % 500) * 3_600_000).toISOString(),
      location: '生产部会议室 A',
    },
    meta: meta(i, new Date(Date.UTC(2026, 6, 1) + i * 1000).toISOString()),
  };
}
