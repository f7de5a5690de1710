/**
 * HR designs templates and flows as versions: a new version applies to new interviews only;
 * running ones keep the version they were scheduled with. Bad definitions are refused with a
 * coded error naming the path, and nothing is written.
 */
import { BUILTIN_TEMPLATES } from '../../src/domain/interview/template';
import type { App } from '../../src/server/app';
import type { SqliteEventStore } from '../../src/store/sqlite-event-store';
import { openTestApp, testApollo } from '../support/test-app';

type Result = { data?: any; errors?: ReadonlyArray<{ message: string; extensions?: Record<string, any> }> };

describe('GraphQL: template and flow catalog', () => {
  let app: App;
  let gql: Awaited<ReturnType<typeof testApollo>>;
  const hr = () => gql.as('HR1', ['hr', 'employee']);
  const m2 = () => gql.as('M2', ['manager', 'employee']);
  const e3 = () => gql.as('E3', ['employee']);
  const ok = async (pending: Promise<Result>) => {
    const r = await pending;
    expect(r.errors).toBeUndefined();
    return r.data;
  };
  const err = async (pending: Promise<Result>) => (await pending).errors?.[0]?.extensions;
  const events = () => (app.store as SqliteEventStore).countSync();

  const SCHEDULE = `mutation($input: ScheduleInterviewInput!) { scheduleInterview(input: $input) { id templateId templateVersion flowId template { version sections { key required } } workflow { step stepCount } } }`;
  const PUBLISH = `mutation($id: ID!, $definition: JSONObject!, $note: String) { publishTemplate(id: $id, definition: $definition, note: $note) { id version builtin sections { key label required } } }`;
  const PUBLISH_FLOW = `mutation($id: ID!, $definition: JSONObject!) { publishFlow(id: $id, definition: $definition) { id version departments steps { key actors } } }`;

  beforeAll(async () => {
    ({ app } = await openTestApp());
    gql = await testApollo(app);
  });
  afterAll(async () => {
    await gql.server.stop();
    await app.close();
  });

  it('lists the defaults with Chinese and English labels and tells which template and flow a person gets', async () => {
    const { templates } = await ok(
      hr()(`query { templates { id version builtin categories levels nameEn sections { key label labelEn } } }`),
    );
    expect(templates.map((t: any) => t.id)).toEqual([
      'management',
      'production-staff',
      'quick-checkin-v1',
      'rnd-staff',
      'service-sales-staff',
      'staff-general',
      'standard-v1',
      'team-lead',
    ]);
    const production = templates.find((t: any) => t.id === 'production-staff');
    expect(production.sections.map((s: any) => s.label)).toEqual([
      '绩效目标回顾（产量、合格率、安全规范）',
      '工作亮点与成绩',
      '存在的问题与改进建议',
      '双方共识及改进计划',
      '下阶段目标与支持需求',
      '备注与补充说明',
    ]);
    expect(templates.find((t: any) => t.id === 'management').sections[0]).toMatchObject({
      key: 'goalAlignment',
      label: '目标对齐与战略解读',
    });
    expect((await ok(m2()(`query { templateFor(category: "rnd", level: "staff") { id } }`))).templateFor.id).toBe('rnd-staff');
    expect(
      (await ok(m2()(`query { flowFor(templateId: "production-staff", department: "生产部", level: "staff") { id steps { key } } }`)))
        .flowFor,
    ).toEqual({
      id: 'production-line',
      steps: [{ key: 'self_assessment' }, { key: 'meeting_review' }, { key: 'improvement_plan' }, { key: 'signatures' }],
    });
    expect(
      (await ok(m2()(`query { flowFor(templateId: "management", department: "研发中心", level: "manager") { id } }`))).flowFor.id,
    ).toBe('management-review');
  });

  it('a new version applies to new interviews; a running interview keeps its version', async () => {
    const before = (await ok(m2()(SCHEDULE, { input: { employeeId: 'E3', cycle: '2026-Q3', scheduledAt: '2026-07-08T10:00:00+08:00' } })))
      .scheduleInterview;
    // The built-in is at version 2 (performance dimensions); HR's first publication is version 3.
    expect(before).toMatchObject({ templateId: 'rnd-staff', templateVersion: 2 });

    // HR makes problems required and renames the highlights section.
    const { template: current } = await ok(hr()(`query { template(id: "rnd-staff") { id } }`));
    expect(current.id).toBe('rnd-staff');
    const definition = editable('rnd-staff');
    definition.sections.find((s: any) => s.key === 'problems').required = true;
    definition.sections.find((s: any) => s.key === 'highlights').label = { zh: '亮点与贡献', en: 'Highlights and contributions' };
    const published = (await ok(hr()(PUBLISH, { id: 'rnd-staff', definition, note: '问题分析改为必填' }))).publishTemplate;
    expect(published).toMatchObject({ id: 'rnd-staff', version: 3, builtin: false });
    expect(published.sections.find((s: any) => s.key === 'highlights').label).toBe('亮点与贡献');

    const after = (await ok(m2()(SCHEDULE, { input: { employeeId: 'E3', cycle: '2026-Q4', scheduledAt: '2026-10-08T10:00:00+08:00' } })))
      .scheduleInterview;
    expect(after).toMatchObject({ templateId: 'rnd-staff', templateVersion: 3 });
    expect(after.template.sections.find((s: any) => s.key === 'problems').required).toBe(true);
    const running = (
      await ok(
        e3()(`query($id: ID!) { interview(id: $id) { templateVersion template { version sections { key required } } } }`, {
          id: before.id,
        }),
      )
    ).interview;
    expect(running.templateVersion).toBe(2);
    expect(running.template.sections.find((s: any) => s.key === 'problems').required).toBe(false);
    // HR can still pick an earlier version explicitly, the built-in version 1 (without dimensions) too.
    const pinned = (
      await ok(
        hr()(SCHEDULE, {
          input: {
            employeeId: 'E3',
            cycle: '2026-M11',
            scheduledAt: '2026-11-08T10:00:00+08:00',
            templateId: 'rnd-staff',
            templateVersion: 1,
          },
        }),
      )
    ).scheduleInterview;
    expect(pinned.templateVersion).toBe(1);
    expect(pinned.template.version).toBe(1);
    expect((await ok(hr()(`query { templateVersions(id: "rnd-staff") { version } }`))).templateVersions).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
    ]);
  });

  it('refuses bad definitions and non-HR publishers with coded errors, writing nothing', async () => {
    const definition = editable('staff-general');
    const count = events();
    expect(await err(e3()(PUBLISH, { id: 'staff-general', definition }))).toMatchObject({ code: 'FORBIDDEN' });
    const broken = JSON.parse(JSON.stringify(definition));
    broken.sections[0].fields[0].items = broken.sections[0].fields[0].items.filter((f: any) => f.key !== 'target');
    expect(await err(hr()(PUBLISH, { id: 'staff-general', definition: broken }))).toMatchObject({
      code: 'TEMPLATE_CORE_FIELD_MISSING',
      field: 'sections[0].fields',
    });
    const badType = JSON.parse(JSON.stringify(definition));
    badType.sections[5].fields[0].type = 'emoji';
    expect(await err(hr()(PUBLISH, { id: 'staff-general', definition: badType }))).toMatchObject({
      code: 'INVALID_VALUE',
      field: 'sections[5].fields[0].type',
    });
    expect(await err(hr()(PUBLISH, { id: 'Bad Id', definition }))).toMatchObject({ code: 'INVALID_ID', field: 'id' });
    expect(
      await err(
        hr()(PUBLISH_FLOW, {
          id: 'no-sign',
          definition: {
            name: { zh: '无签字', en: 'No signing' },
            steps: [{ key: 'only', label: { zh: '一', en: 'one' }, actors: ['manager'] }],
          },
        }),
      ),
    ).toMatchObject({
      code: 'FLOW_WITHOUT_SIGNING',
    });
    expect(events()).toBe(count);
  });

  it('a department flow HR publishes is chosen for that department from then on', async () => {
    const steps = [
      {
        key: 'self_assessment',
        label: { zh: '员工自评', en: 'Self-assessment' },
        actors: ['employee'],
        edits: ['goalReview', 'highlights', 'problems', 'nextGoals'],
        dueInDays: 5,
      },
      {
        key: 'review_meeting',
        label: { zh: '评审面谈', en: 'Review meeting' },
        actors: ['manager', 'employee'],
        completedBy: 'manager',
        edits: ['goalReview', 'highlights', 'problems', 'remarks', 'improvementPlan', 'nextGoals'],
        dueInDays: 5,
        evaluatesNeeds: true,
      },
      {
        key: 'signatures',
        label: { zh: '签字', en: 'Signatures' },
        actors: ['employee', 'manager'],
        edits: [],
        dueInDays: 2,
        signing: true,
      },
    ];
    const flow = (
      await ok(
        hr()(PUBLISH_FLOW, {
          id: 'rnd-lean',
          definition: {
            name: { zh: '研发精简流程', en: 'Lean R&D flow' },
            appliesTo: { departments: ['研发中心'], levels: ['staff'] },
            steps,
          },
        }),
      )
    ).publishFlow;
    expect(flow).toMatchObject({ id: 'rnd-lean', version: 1, departments: ['研发中心'] });
    const scheduled = (
      await ok(m2()(SCHEDULE, { input: { employeeId: 'E3', cycle: '2027-Q1', scheduledAt: '2027-01-08T10:00:00+08:00' } }))
    ).scheduleInterview;
    expect(scheduled).toMatchObject({ flowId: 'rnd-lean', workflow: { step: 'self_assessment', stepCount: 3 } });
    // HR finds records by flow and step.
    const atStep = (
      await ok(hr()(`query { interviews(filter: { flowId: "rnd-lean", step: "self_assessment" }) { totalCount edges { node { id } } } }`))
    ).interviews;
    expect(atStep).toEqual({ totalCount: 1, edges: [{ node: { id: scheduled.id } }] });
    // Production staff are not in 研发中心: their flow is unchanged.
    const production = (
      await ok(hr()(SCHEDULE, { input: { employeeId: 'E1', cycle: '2027-Q1', scheduledAt: '2027-01-08T10:00:00+08:00' } }))
    ).scheduleInterview;
    expect(production.flowId).toBe('production-line');
  });

  it('answers each version’s whole definition, to edit into the next, and HR’s note on the versions HR published', async () => {
    const VERSIONS = `query($id: ID!) { templateVersions(id: $id) { version builtin definition publication { note publishedAt } } }`;
    const before = (await ok(hr()(VERSIONS, { id: 'service-sales-staff' }))).templateVersions;
    expect(before.map((v: any) => [v.version, v.builtin, v.publication])).toEqual([
      [1, true, null],
      [2, true, null],
    ]);
    // The definition is the version as stored: published back as it is, it makes an equal next version.
    const latest = before[1].definition;
    expect(latest).toEqual(JSON.parse(JSON.stringify(BUILTIN_TEMPLATES.get('service-sales-staff'))));
    const { id: _id, version: _version, ...definition } = JSON.parse(JSON.stringify(latest));
    definition.name = { zh: '服务与销售人员绩效面谈（2027）', en: 'Service and sales staff interview (2027)' };
    await ok(hr()(PUBLISH, { id: 'service-sales-staff', definition, note: '名称加上年度' }));
    const after = (await ok(hr()(VERSIONS, { id: 'service-sales-staff' }))).templateVersions;
    expect(after).toHaveLength(3);
    expect(after[2]).toMatchObject({ version: 3, builtin: false, publication: { note: '名称加上年度' } });
    expect(Date.parse(after[2].publication.publishedAt)).not.toBeNaN();
    expect(after[2].definition).toEqual({ ...latest, version: 3, name: definition.name });
    // Everyone reads templates: the note too (no personal data), and an employee's record names its version's.
    expect((await ok(e3()(`query { template(id: "service-sales-staff") { publication { note } } }`))).template.publication).toEqual({
      note: '名称加上年度',
    });

    const FLOW_VERSIONS = `query { flowVersions(id: "staff-review") { version builtin definition publication { note } } }`;
    const flowsBefore = (await ok(e3()(FLOW_VERSIONS))).flowVersions;
    expect(flowsBefore).toEqual([
      { version: 1, builtin: true, definition: expect.objectContaining({ id: 'staff-review' }), publication: null },
    ]);
    // (In process the answer holds the server's own objects: edit a copy, as a client's would be.)
    const { id: _fid, version: _fv, ...flow } = JSON.parse(JSON.stringify(flowsBefore[0].definition));
    flow.steps[0].dueInDays = 4;
    await ok(
      hr()(
        `mutation($definition: JSONObject!) { publishFlow(id: "staff-review", definition: $definition, note: "自评延长一天") { version } }`,
        { definition: flow },
      ),
    );
    const flowsAfter = (await ok(e3()(FLOW_VERSIONS))).flowVersions;
    expect(flowsAfter.map((v: any) => [v.version, v.builtin, v.publication?.note ?? null, v.definition.steps[0].dueInDays])).toEqual([
      [1, true, null, 3],
      [2, false, '自评延长一天', 4],
    ]);
  });

  /** A template's definition as HR would edit it: the built-in, without its id and version. */
  function editable(id: string): Record<string, any> {
    const { id: _id, version: _v, ...definition } = BUILTIN_TEMPLATES.get(id)!;
    return JSON.parse(JSON.stringify(definition));
  }
});
