/**
 * Performance dimensions: what the built-in templates declare, how HR's are checked, that the
 * goal review refuses a dimension the template does not have, and the radar's fallback for
 * records written before dimensions existed (src/domain/interview/dimensions.ts).
 */
import { ValidationError } from '../../src/domain/errors';
import { evolve } from '../../src/domain/interview/evolve';
import { initialState, type ExistingInterview } from '../../src/domain/interview/state';
import { BUILTIN_FLOWS } from '../../src/domain/workflow/flow';
import { toDoc, toState } from '../../src/projections/interview.projection';
import { normalizeSection, type ContentContext } from '../../src/domain/interview/content';
import {
  dimensionAchievements,
  FALLBACK_DIMENSIONS,
  goalDimensions,
  OVERALL_DIMENSION,
  templateDimensions,
} from '../../src/domain/interview/dimensions';
import {
  BUILTIN_TEMPLATE_VERSIONS,
  BUILTIN_TEMPLATES,
  findTemplate,
  sectionOf,
  validateTemplate,
  type InterviewTemplate,
} from '../../src/domain/interview/template';

const PRODUCTION = findTemplate('production-staff')!;
const PRODUCTION_V1 = findTemplate('production-staff', 1)!;
const CTX: ContentContext = { sections: {}, parties: ['E1', 'M1'], attachments: new Set(), today: '2026-07-01', idCounters: {} };

const itemFields = (t: InterviewTemplate) => sectionOf(t, 'goalReview')!.fields.find((f) => f.key === 'items')!.items!;

/** The error `run` throws, or a failure when it does not throw. */
function thrown(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('built-in templates', () => {
  it('declare dimensions per category in version 2 and keep version 1 as it was', () => {
    const keys = (id: string) => BUILTIN_TEMPLATES.get(id)!.dimensions?.map((d) => d.key);
    expect(keys('production-staff')).toEqual(['output', 'quality', 'safety', 'equipment', 'teamwork']);
    expect(keys('rnd-staff')).toEqual(['progress', 'codeQuality', 'teamwork', 'growth']);
    expect(keys('service-sales-staff')).toEqual(['serviceQuality', 'satisfaction', 'responsiveness', 'sales', 'collection', 'teamwork']);
    expect(keys('staff-general')).toEqual(['results', 'quality', 'efficiency', 'teamwork', 'growth']);
    expect(keys('team-lead')).toEqual(['goals', 'qualitySafety', 'talent', 'teamManagement', 'collaboration']);
    expect(keys('management')).toEqual(keys('team-lead'));
    expect(PRODUCTION.dimensions!.map((d) => d.label.zh)).toEqual(['产量', '质量', '安全', '设备与工艺', '协作']);
    for (const id of ['production-staff', 'rnd-staff', 'service-sales-staff', 'staff-general', 'team-lead', 'management']) {
      const [v1, v2, ...more] = BUILTIN_TEMPLATE_VERSIONS.get(id)!;
      expect([v1!.version, v2!.version, more.length]).toEqual([1, 2, 0]);
      expect(BUILTIN_TEMPLATES.get(id)).toBe(v2);
      expect(v1!.dimensions).toBeUndefined();
      expect(itemFields(v1!).map((f) => f.key)).not.toContain('dimension');
      const field = itemFields(v2!).find((f) => f.key === 'dimension')!;
      expect(field).toMatchObject({ type: 'choice', required: false, fillers: ['employee', 'manager'] });
      expect(field.options).toEqual(v2!.dimensions!.map((d) => d.key));
      // Nothing else moved between the versions.
      const { version: _a, dimensions: _d, sections: s2, ...rest2 } = v2!;
      const { version: _b, sections: s1, ...rest1 } = v1!;
      expect(rest2).toEqual(rest1);
      expect(s2.filter((s) => s.kind !== 'goalReview')).toEqual(s1.filter((s) => s.kind !== 'goalReview'));
      expect(itemFields(v2!).filter((f) => f.key !== 'dimension')).toEqual(itemFields(v1!));
    }
    // The single-session templates have no dimensions and stay at version 1.
    for (const id of ['standard-v1', 'quick-checkin-v1']) {
      expect(BUILTIN_TEMPLATE_VERSIONS.get(id)!.map((t) => t.version)).toEqual([1]);
      expect(templateDimensions(BUILTIN_TEMPLATES.get(id)!)).toBe(FALLBACK_DIMENSIONS);
    }
  });

  it('resolve a version on request, and nothing for a version never shipped', () => {
    expect(findTemplate('rnd-staff')!.version).toBe(2);
    expect(findTemplate('rnd-staff', 1)!.version).toBe(1);
    expect(findTemplate('rnd-staff', 3)).toBeUndefined();
    expect(findTemplate('standard-v1', 2)).toBeUndefined();
  });
});

describe('the goal review names a dimension of its template', () => {
  const spec = sectionOf(PRODUCTION, 'goalReview')!;

  it('keeps a declared dimension', () => {
    const out = normalizeSection(spec, { items: [{ goal: '产量', target: '≥ 12,000 件/月', dimension: 'output' }] }, undefined, CTX);
    expect(out.items).toEqual([{ id: 'G1', goal: '产量', target: '≥ 12,000 件/月', dimension: 'output' }]);
  });

  it('refuses a dimension the template does not declare, naming the path and the options', () => {
    const error = thrown(() => normalizeSection(spec, { items: [{ goal: '产量', dimension: 'codeQuality' }] }, undefined, CTX));
    expect(error).toMatchObject({ code: 'INVALID_VALUE', field: 'content.items[0].dimension' });
    expect(error.message).toContain('output, quality, safety, equipment, teamwork');
  });

  it('is not a field of version 1', () => {
    const v1 = sectionOf(PRODUCTION_V1, 'goalReview')!;
    expect(thrown(() => normalizeSection(v1, { items: [{ goal: '产量', dimension: 'output' }] }, undefined, CTX))).toMatchObject({
      code: 'FIELD_NOT_IN_TEMPLATE',
    });
  });
});

describe('HR-designed templates', () => {
  const definition = (extra: Record<string, unknown>) => {
    const { id: _id, version: _v, dimensions: _d, ...rest } = findTemplate('staff-general', 1)!;
    return { ...JSON.parse(JSON.stringify(rest)), ...extra };
  };
  const DIMS = [
    { key: 'output', label: { zh: '产出', en: 'Output' }, keywords: ['产量', '件'] },
    { key: 'care', label: { zh: '客户关怀', en: 'Customer care' } },
  ];

  it('stay valid without dimensions (and get no dimension field)', () => {
    const t = validateTemplate(definition({}), 'hr-plain', 1);
    expect(t.dimensions).toBeUndefined();
    expect(templateDimensions(t)).toBe(FALLBACK_DIMENSIONS);
    expect(itemFields(t).map((f) => f.key)).not.toContain('dimension');
  });

  it('declare dimensions: the goal review items get the dimension field, its options the keys', () => {
    const t = validateTemplate(definition({ dimensions: DIMS }), 'hr-dims', 1);
    expect(t.dimensions).toEqual([DIMS[0], { ...DIMS[1], keywords: [] }]);
    expect(
      itemFields(t)
        .map((f) => f.key)
        .slice(0, 2),
    ).toEqual(['goal', 'dimension']);
    expect(itemFields(t).find((f) => f.key === 'dimension')!.options).toEqual(['output', 'care']);
  });

  it('may publish a built-in version 2 as it is', () => {
    const { id: _id, version: _v, ...rest } = findTemplate('rnd-staff')!;
    const t = validateTemplate(JSON.parse(JSON.stringify(rest)), 'rnd-staff', 3);
    expect(t.dimensions).toEqual(findTemplate('rnd-staff')!.dimensions);
    expect(t.sections).toEqual(findTemplate('rnd-staff')!.sections);
  });

  it.each([
    ['an empty list', [], 'dimensions', 'REQUIRED'],
    ['not a list', { key: 'x' }, 'dimensions', 'INVALID_VALUE'],
    ['13 dimensions', [...Array(13).keys()].map((i) => ({ key: `d${i}`, label: { zh: '维', en: 'd' } })), 'dimensions', 'VALUE_TOO_LARGE'],
    ['a key with a dash', [{ key: 'code-quality', label: { zh: '代码', en: 'Code' } }], 'dimensions[0].key', 'INVALID_ID'],
    ['an upper-case key', [{ key: 'Output', label: { zh: '产出', en: 'Output' } }], 'dimensions[0].key', 'INVALID_ID'],
    ['the catch-all key', [{ key: 'overall', label: { zh: '综合', en: 'Overall' } }], 'dimensions[0].key', 'INVALID_ID'],
    ['a key twice', [DIMS[0], { ...DIMS[1], key: 'output' }], 'dimensions', 'DUPLICATE_KEY'],
    ['no label', [{ key: 'output' }], 'dimensions[0].label', 'INVALID_VALUE'],
    ['a blank English label', [{ key: 'output', label: { zh: '产出', en: ' ' } }], 'dimensions[0].label.en', 'INVALID_VALUE'],
    ['a blank keyword', [{ ...DIMS[0], keywords: ['产量', ' '] }], 'dimensions[0].keywords[1]', 'INVALID_VALUE'],
    ['a keyword of 21 characters', [{ ...DIMS[0], keywords: ['产'.repeat(21)] }], 'dimensions[0].keywords[0]', 'INVALID_VALUE'],
    ['a keyword twice', [{ ...DIMS[0], keywords: ['产量', '产量'] }], 'dimensions[0].keywords', 'DUPLICATE_KEY'],
    ['41 keywords', [{ ...DIMS[0], keywords: [...Array(41).keys()].map((i) => `词${i}`) }], 'dimensions[0].keywords', 'VALUE_TOO_LARGE'],
  ])('refuse %s with a coded error naming the path', (_what, dimensions, field, code) => {
    expect(thrown(() => validateTemplate(definition({ dimensions }), 'hr-bad', 1))).toMatchObject({ field, code });
  });

  it('refuse a dimension field whose options are not the keys, or without dimensions', () => {
    const withField = (options: string[]) => {
      const d = definition({});
      const items = d.sections.find((s: { kind: string }) => s.kind === 'goalReview').fields[0].items;
      items.push({ key: 'dimension', label: { zh: '维度', en: 'Dimension' }, type: 'choice', options });
      return d;
    };
    expect(thrown(() => validateTemplate({ ...withField(['output']), dimensions: DIMS }, 'hr-bad', 1))).toMatchObject({
      code: 'INVALID_VALUE',
      field: expect.stringMatching(/^sections\[\d+\]\.fields\[0\]\.items\[\d+\]\.options$/),
    });
    expect(thrown(() => validateTemplate(withField(['output']), 'hr-bad', 1))).toMatchObject({ code: 'INVALID_VALUE' });
    expect(validateTemplate({ ...withField(['output', 'care']), dimensions: DIMS }, 'hr-ok', 1).dimensions).toHaveLength(2);
  });
});

describe('goalDimensions and the fallback', () => {
  it('places an item by its own dimension, not inferred', () => {
    const content = { items: [{ id: 'G1', goal: '合格率', dimension: 'safety', achievement: 96 }] };
    expect(goalDimensions(PRODUCTION, content)).toEqual([{ itemId: 'G1', dimension: 'safety', achievement: 96, inferred: false }]);
  });

  it('infers the first dimension, in declaration order, whose keyword is in the goal text', () => {
    const content = {
      items: [
        { id: 'G1', goal: '产量', achievement: 104 },
        { id: 'G2', goal: '设备点检完成率', achievement: 100 },
        // 质量 (quality) is declared before 安全 (safety): the first match wins.
        { id: 'G3', goal: '质量安全月活动', achievement: 90 },
        { id: 'G4', goal: '安全规范（5S 检查得分）', achievement: 88 },
      ],
    };
    expect(goalDimensions(PRODUCTION, content).map((g) => [g.itemId, g.dimension, g.inferred])).toEqual([
      ['G1', 'output', true],
      ['G2', 'equipment', true],
      ['G3', 'quality', true],
      ['G4', 'safety', true],
    ]);
  });

  it('sends a goal that matches nothing to overall (综合)', () => {
    const [g] = goalDimensions(PRODUCTION, { items: [{ id: 'G1', goal: '完成年度述职报告', achievement: 100 }] });
    expect(g).toEqual({ itemId: 'G1', dimension: 'overall', achievement: 100, inferred: true });
    expect(OVERALL_DIMENSION.label.zh).toBe('综合');
  });

  it('treats a dimension name the template does not declare (old content) like no name', () => {
    const content = {
      items: [
        { id: 'G1', goal: '产量', dimension: 'throughput', achievement: 80 },
        { id: 'G2', goal: '述职', dimension: 7 },
      ],
    };
    expect(goalDimensions(PRODUCTION, content)).toEqual([
      { itemId: 'G1', dimension: 'output', achievement: 80, inferred: true },
      { itemId: 'G2', dimension: 'overall', achievement: null, inferred: true },
    ]);
  });

  it('uses the company-wide set for a record whose template has no dimensions (version 1)', () => {
    expect(templateDimensions(PRODUCTION_V1)).toBe(FALLBACK_DIMENSIONS);
    const content = {
      items: [
        { id: 'G1', goal: '产量', target: '≥ 12,000 件/月', achievement: 97 },
        { id: 'G2', goal: '合格率', achievement: 101 },
        { id: 'G3', goal: '安全规范（5S 检查得分）', achievement: 95 },
        // A version-1 record cannot name a dimension, but if old content did, the name is not an axis here.
        { id: 'G4', goal: '技术分享', dimension: 'equipment', achievement: 150 },
      ],
    };
    expect(goalDimensions(PRODUCTION_V1, content).map((g) => g.dimension)).toEqual(['results', 'quality', 'safety', 'growth']);
  });

  it('reads achievements only when they are numbers, and skips what is not an item', () => {
    const content = {
      items: [{ id: 'G1', goal: '产量' }, { id: 'G2', goal: '产量', achievement: '95' }, 'G3', null, { goal: '合格率', achievement: 99 }],
    };
    expect(goalDimensions(PRODUCTION, content)).toEqual([
      { itemId: 'G1', dimension: 'output', achievement: null, inferred: true },
      { itemId: 'G2', dimension: 'output', achievement: null, inferred: true },
      { itemId: '#5', dimension: 'quality', achievement: 99, inferred: true },
    ]);
    expect(goalDimensions(PRODUCTION, undefined)).toEqual([]);
    expect(goalDimensions(PRODUCTION, { items: 'none' })).toEqual([]);
  });
});

describe('dimensionAchievements', () => {
  it('gives every axis in order, the mean of the goals with an achievement, and the counts', () => {
    const content = {
      items: [
        { id: 'G1', goal: '产量', dimension: 'output', achievement: 90 },
        { id: 'G2', goal: '班组产能', achievement: 95 },
        { id: 'G3', goal: '产量（夜班）', dimension: 'output' },
        { id: 'G4', goal: '合格率', dimension: 'quality', achievement: 99.25 },
        { id: 'G5', goal: '合格率（返修件）', dimension: 'quality', achievement: 98 },
      ],
    };
    expect(dimensionAchievements(PRODUCTION, content)).toEqual([
      { key: 'output', label: { zh: '产量', en: 'Output' }, achievement: 92.5, goals: 3, inferred: 1 },
      { key: 'quality', label: { zh: '质量', en: 'Quality' }, achievement: 98.6, goals: 2, inferred: 0 },
      { key: 'safety', label: { zh: '安全', en: 'Safety' }, achievement: null, goals: 0, inferred: 0 },
      { key: 'equipment', label: { zh: '设备与工艺', en: 'Equipment and process' }, achievement: null, goals: 0, inferred: 0 },
      { key: 'teamwork', label: { zh: '协作', en: 'Teamwork' }, achievement: null, goals: 0, inferred: 0 },
    ]);
  });

  it('adds overall last, only when a goal landed there', () => {
    const content = {
      items: [
        { id: 'G1', goal: '述职', achievement: 80 },
        { id: 'G2', goal: '年度总结' },
      ],
    };
    const axes = dimensionAchievements(findTemplate('rnd-staff')!, content);
    expect(axes.map((a) => a.key)).toEqual(['progress', 'codeQuality', 'teamwork', 'growth', 'overall']);
    expect(axes.at(-1)).toEqual({ key: 'overall', label: { zh: '综合', en: 'Overall' }, achievement: 80, goals: 2, inferred: 2 });
    expect(dimensionAchievements(findTemplate('rnd-staff')!, { items: [] }).map((a) => a.key)).not.toContain('overall');
  });
});

describe('records scheduled with version 1', () => {
  const scheduledWith = (template: InterviewTemplate) =>
    evolve(
      initialState(),
      {
        type: 'InterviewScheduled',
        data: {
          interviewId: 'iv-1',
          templateId: template.id,
          version: 1,
          templateVersion: template.version,
          template,
          flow: BUILTIN_FLOWS.get(template.defaultFlowId)!,
          employeeId: 'E1',
          managerId: 'M1',
          participantIds: [],
          department: '生产部',
          position: '冲压操作工',
          cycle: '2026-Q1',
          scheduledAt: '2026-04-02T02:00:00.000Z',
          location: '会议室',
        },
        meta: { actor: 'HR1', roles: ['hr'], ip: '127.0.0.1', at: '2026-04-01T02:00:00.000Z', commandId: 'c1' },
      } as never,
      '2026-04-01T02:00:00.000Z',
    ) as ExistingInterview;

  it('are stored by name and read back with their version 1 definition, not the latest', () => {
    for (const template of [PRODUCTION_V1, PRODUCTION]) {
      const doc = toDoc(scheduledWith(JSON.parse(JSON.stringify(template))), 0);
      expect([doc.templateVersion, doc.template]).toEqual([template.version, null]);
      expect(toState(doc).template).toBe(findTemplate('production-staff', template.version));
    }
  });

  it('without a snapshot (events older than template versions) run version 1', () => {
    const state = evolve(
      initialState(),
      {
        type: 'InterviewScheduled',
        data: {
          interviewId: 'iv-2',
          templateId: 'production-staff',
          version: 1,
          employeeId: 'E1',
          managerId: 'M1',
          participantIds: [],
          department: '生产部',
          position: '冲压操作工',
          cycle: '2025-H2',
          scheduledAt: '2026-01-06T02:00:00.000Z',
          location: '',
        },
        meta: { actor: 'HR1', roles: ['hr'], ip: '127.0.0.1', at: '2026-01-05T02:00:00.000Z', commandId: 'c2' },
      } as never,
      '2026-01-05T02:00:00.000Z',
    ) as ExistingInterview;
    expect(state.template).toBe(PRODUCTION_V1);
  });
});
