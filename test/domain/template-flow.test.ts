/**
 * Templates and flows HR designs (validateTemplate, validateFlow), whether a flow can run a
 * template (flowMismatch), and which template and flow a new interview gets (selectTemplate,
 * selectFlow).
 */
import { ValidationError } from '../../src/domain/errors';
import type { JobCategory } from '../../src/domain/person/person';
import {
  BUILTIN_TEMPLATE_VERSIONS,
  BUILTIN_TEMPLATES,
  findTemplate,
  selectTemplate,
  validateTemplate,
  type InterviewTemplate,
} from '../../src/domain/interview/template';
import { BUILTIN_FLOWS, flowMismatch, selectFlow, validateFlow, type FlowDefinition } from '../../src/domain/workflow/flow';

/** A deep, mutable copy: what an HR client would send, built from a built-in. */
const clone = (value: unknown): any => JSON.parse(JSON.stringify(value));

/** Runs `fn`, expecting a ValidationError with `code` at `field` (one comparison, so a failure shows all of it). */
function expectRejected(fn: () => unknown, code: string, field: string): void {
  let error: unknown;
  try {
    fn();
  } catch (caught) {
    error = caught;
  }
  const { code: actualCode, field: actualField, message } = (error ?? {}) as { code?: unknown; field?: unknown; message?: unknown };
  expect({ error, code: actualCode, field: actualField, message }).toMatchObject({ error: expect.any(ValidationError), code, field });
}

const template = (id: string): InterviewTemplate => findTemplate(id)!;
const flow = (id: string): FlowDefinition => BUILTIN_FLOWS.get(id)!;
const label = { zh: '标签', en: 'Label' };

// staff-general version 1: sections [goalReview, highlights, problems, improvementPlan, nextGoals, remarks];
// goalReview.fields[0] is `items` with [goal, target, actual, selfComment, achievement, comment, carriedFrom].
// (Version 2 adds `dimension` after `goal`; test/domain/dimensions.test.ts covers it.)
const staffInput = () => clone(findTemplate('staff-general', 1));

describe('templates', () => {
  describe('validateTemplate', () => {
    it.each([...BUILTIN_TEMPLATE_VERSIONS.values()].flat().map((t) => [`${t.id}@${t.version}`, t] as const))(
      'the built-in %s passes its own validation unchanged',
      (_name, builtin) => {
        expect(validateTemplate(clone(builtin), builtin.id, builtin.version)).toStrictEqual(builtin);
      },
    );

    it('takes id and version from the catalog, not from the input', () => {
      const t = validateTemplate({ ...staffInput(), id: 'forged', version: 99 }, 'acme-staff', 3);
      expect(t).toMatchObject({ id: 'acme-staff', version: 3 });
    });

    it('fills defaults: both parties fill a field, signatures of employee and manager, blocking vague highlights, staff-review, active', () => {
      const t = validateTemplate(
        { name: label, sections: [{ kind: 'custom', key: 'notes', label, fields: [{ key: 'text', label, type: 'longText' }] }] },
        'acme-notes',
        1,
      );
      expect(t).toStrictEqual({
        id: 'acme-notes',
        version: 1,
        name: label,
        appliesTo: { categories: [], levels: [] },
        sections: [
          {
            key: 'notes',
            kind: 'custom',
            label,
            required: false,
            fields: [{ key: 'text', label, type: 'longText', required: false, fillers: ['employee', 'manager'] }],
          },
        ],
        requiredSignatures: ['employee', 'manager'],
        rules: { vagueHighlights: 'block', minCaseChars: 10, planHorizonDays: 366 },
        defaultFlowId: 'staff-review',
        pinnedFlow: false,
        active: true,
      });
    });

    it('HR may relabel a special section, relax what is required and add fields of its own', () => {
      const input = staffInput();
      input.sections[0].label = { zh: '安全生产目标回顾', en: 'Safety goals' };
      input.sections[0].required = false;
      input.sections[0].fields[0].items.push({
        key: 'safetyScore',
        label: { zh: '安全评分', en: 'Safety score' },
        type: 'percent',
        fillers: ['manager'],
        min: 0,
        max: 100,
      });
      const t = validateTemplate(input, 'acme-safety', 1);
      expect(t.sections[0]).toMatchObject({ label: { zh: '安全生产目标回顾' }, required: false });
      expect(t.sections[0]!.fields[0]!.items!.at(-1)).toStrictEqual({
        key: 'safetyScore',
        label: { zh: '安全评分', en: 'Safety score' },
        type: 'percent',
        required: false,
        fillers: ['manager'],
        min: 0,
        max: 100,
      });
    });

    describe('special sections keep their core fields (their rules read them)', () => {
      it('a goalReview without its "actual" item field → TEMPLATE_CORE_FIELD_MISSING', () => {
        const input = staffInput();
        input.sections[0].fields[0].items = input.sections[0].fields[0].items.filter((f: { key: string }) => f.key !== 'actual');
        expectRejected(() => validateTemplate(input, 'acme-staff', 1), 'TEMPLATE_CORE_FIELD_MISSING', 'sections[0].fields');
      });

      it('a goalReview whose achievement is a number instead of a percent → TEMPLATE_CORE_FIELD_MISSING', () => {
        const input = staffInput();
        input.sections[0].fields[0].items[4].type = 'number';
        expectRejected(() => validateTemplate(input, 'acme-staff', 1), 'TEMPLATE_CORE_FIELD_MISSING', 'sections[0].fields');
      });

      it('a goalReview that lost its carriedFrom system field → TEMPLATE_CORE_FIELD_MISSING', () => {
        const input = staffInput();
        input.sections[0].fields[0].items.pop();
        expectRejected(() => validateTemplate(input, 'acme-staff', 1), 'TEMPLATE_CORE_FIELD_MISSING', 'sections[0].fields');
      });

      it('a goalReview without its items list → TEMPLATE_CORE_FIELD_MISSING', () => {
        const input = staffInput();
        input.sections[0].fields = input.sections[0].fields.slice(1);
        expectRejected(() => validateTemplate(input, 'acme-staff', 1), 'TEMPLATE_CORE_FIELD_MISSING', 'sections[0].fields');
      });

      it('an improvementPlan without consensus → TEMPLATE_CORE_FIELD_MISSING', () => {
        const input = staffInput();
        input.sections[3].fields = input.sections[3].fields.filter((f: { key: string }) => f.key !== 'consensus');
        expectRejected(() => validateTemplate(input, 'acme-staff', 1), 'TEMPLATE_CORE_FIELD_MISSING', 'sections[3].fields');
      });

      it('nextGoals support needs without the evaluation system field → TEMPLATE_CORE_FIELD_MISSING', () => {
        const input = staffInput();
        input.sections[4].fields[1].items = input.sections[4].fields[1].items.filter((f: { key: string }) => f.key !== 'evaluation');
        expectRejected(() => validateTemplate(input, 'acme-staff', 1), 'TEMPLATE_CORE_FIELD_MISSING', 'sections[4].fields');
      });

      it('a special kind must use its own key; a custom section may not take a reserved one', () => {
        const renamed = staffInput();
        renamed.sections[5].key = 'notes';
        expectRejected(() => validateTemplate(renamed, 'acme-staff', 1), 'INVALID_ID', 'sections[5].key');
        const squatting = staffInput();
        squatting.sections[5] = { kind: 'custom', key: 'highlights', label, fields: [{ key: 'text', label, type: 'text' }] };
        expectRejected(() => validateTemplate(squatting, 'acme-staff', 1), 'INVALID_ID', 'sections[5].key');
      });
    });

    describe('keys are unique', () => {
      it('two sections with the same key → DUPLICATE_KEY', () => {
        const input = staffInput();
        input.sections.push(clone(input.sections[5]));
        expectRejected(() => validateTemplate(input, 'acme-staff', 1), 'DUPLICATE_KEY', 'sections');
      });

      it('two fields with the same key in a section → DUPLICATE_KEY', () => {
        const input = staffInput();
        input.sections[5].fields.push({ key: 'text', label, type: 'text' });
        expectRejected(() => validateTemplate(input, 'acme-staff', 1), 'DUPLICATE_KEY', 'sections[5].fields');
      });

      it('two item fields with the same key in a list → DUPLICATE_KEY', () => {
        const input = staffInput();
        input.sections[0].fields[0].items.push({ key: 'goal', label, type: 'text' });
        expectRejected(() => validateTemplate(input, 'acme-staff', 1), 'DUPLICATE_KEY', 'sections[0].fields[0].items');
      });

      it('"id" is not a field key: items have their own id', () => {
        const input = staffInput();
        input.sections[0].fields[0].items.push({ key: 'id', label, type: 'text' });
        expectRejected(() => validateTemplate(input, 'acme-staff', 1), 'INVALID_ID', 'sections[0].fields[0].items[7].key');
      });
    });

    describe('field shapes', () => {
      // nextGoals.supportNeeds.type is a choice: sections[4].fields[1].items[0].
      const CHOICE = 'sections[4].fields[1].items[0]';
      const withOptions = (options: unknown) => {
        const input = staffInput();
        input.sections[4].fields[1].items[0].options = options;
        return input;
      };

      it('a choice without options → REQUIRED', () => {
        expectRejected(() => validateTemplate(withOptions([]), 'acme-staff', 1), 'REQUIRED', `${CHOICE}.options`);
      });

      it('a choice whose options are not a list → INVALID_VALUE', () => {
        expectRejected(() => validateTemplate(withOptions('resource,training'), 'acme-staff', 1), 'INVALID_VALUE', `${CHOICE}.options`);
      });

      it.each([
        ['an empty option', ['resource', '  ']],
        ['an option over 40 characters', ['resource', 'x'.repeat(41)]],
        ['an option that is not text', ['resource', 7]],
      ])('%s → INVALID_VALUE naming the option', (_case, options) => {
        expectRejected(() => validateTemplate(withOptions(options), 'acme-staff', 1), 'INVALID_VALUE', `${CHOICE}.options[1]`);
      });

      it('an unknown field type → INVALID_VALUE', () => {
        const input = staffInput();
        input.sections[5].fields[0].type = 'richText';
        expectRejected(() => validateTemplate(input, 'acme-staff', 1), 'INVALID_VALUE', 'sections[5].fields[0].type');
      });

      it('lists do not nest', () => {
        const input = staffInput();
        input.sections[0].fields[0].items.push({ key: 'steps', label, type: 'list', items: [{ key: 'x', label, type: 'text' }] });
        expectRejected(() => validateTemplate(input, 'acme-staff', 1), 'INVALID_VALUE', 'sections[0].fields[0].items[7].type');
      });

      it('a field nobody may fill → REQUIRED; an unknown filler → INVALID_VALUE', () => {
        const nobody = staffInput();
        nobody.sections[5].fields[0].fillers = [];
        expectRejected(() => validateTemplate(nobody, 'acme-staff', 1), 'REQUIRED', 'sections[5].fields[0].fillers');
        const hr = staffInput();
        hr.sections[5].fields[0].fillers = ['hr'];
        expectRejected(() => validateTemplate(hr, 'acme-staff', 1), 'INVALID_VALUE', 'sections[5].fields[0].fillers[0]');
      });

      it('a system field is never required and has no fillers, whatever the input says', () => {
        const input = staffInput();
        Object.assign(input.sections[0].fields[0].items[6], { required: true, fillers: ['employee'] });
        const carried = validateTemplate(input, 'acme-staff', 1).sections[0]!.fields[0]!.items![6];
        expect(carried).toMatchObject({ key: 'carriedFrom', type: 'system', required: false, fillers: [] });
      });

      it('a ref names section.list; a list without an idPrefix takes the first letter of its key', () => {
        const badRef = staffInput();
        badRef.sections[3].fields[1].items[6].refTo = ['goalReview'];
        expectRejected(() => validateTemplate(badRef, 'acme-staff', 1), 'INVALID_VALUE', 'sections[3].fields[1].items[6].refTo[0]');
        const noPrefix = staffInput();
        delete noPrefix.sections[1].fields[0].idPrefix;
        noPrefix.sections[1].fields[0].key = 'items';
        expect(validateTemplate(noPrefix, 'acme-staff', 1).sections[1]!.fields[0]!.idPrefix).toBe('I');
      });
    });

    describe('the template as a whole', () => {
      it.each([
        ['an invalid id', () => validateTemplate(staffInput(), 'Acme Staff', 1), 'INVALID_ID', 'id'],
        ['no sections', () => validateTemplate({ ...staffInput(), sections: [] }, 'acme-staff', 1), 'REQUIRED', 'sections'],
        [
          'no signature that locks',
          () => validateTemplate({ ...staffInput(), requiredSignatures: [] }, 'acme-staff', 1),
          'REQUIRED',
          'requiredSignatures',
        ],
        [
          'HR as a signature role',
          () => validateTemplate({ ...staffInput(), requiredSignatures: ['employee', 'hr'] }, 'acme-staff', 1),
          'INVALID_ROLE',
          'requiredSignatures[1]',
        ],
        [
          'an unknown vague-highlight rule',
          () => validateTemplate({ ...staffInput(), rules: { vagueHighlights: 'maybe' } }, 'acme-staff', 1),
          'INVALID_VALUE',
          'rules.vagueHighlights',
        ],
        [
          'a plan horizon of 0 days',
          () => validateTemplate({ ...staffInput(), rules: { planHorizonDays: 0 } }, 'acme-staff', 1),
          'INVALID_VALUE',
          'rules.planHorizonDays',
        ],
        [
          'an unknown job category',
          () => validateTemplate({ ...staffInput(), appliesTo: { categories: ['finance'], levels: [] } }, 'acme-staff', 1),
          'INVALID_VALUE',
          'appliesTo.categories[0]',
        ],
        [
          'an unknown level',
          () => validateTemplate({ ...staffInput(), appliesTo: { categories: [], levels: ['intern'] } }, 'acme-staff', 1),
          'INVALID_VALUE',
          'appliesTo.levels[0]',
        ],
        [
          'a name without English',
          () => validateTemplate({ ...staffInput(), name: { zh: '模板' } }, 'acme-staff', 1),
          'INVALID_VALUE',
          'name.en',
        ],
      ])('%s is rejected', (_case, fn, code, field) => {
        expectRejected(fn, code, field);
      });

      it('repeated signature roles collapse to one', () => {
        expect(
          validateTemplate({ ...staffInput(), requiredSignatures: ['employee', 'manager', 'employee'] }, 'acme-staff', 1)
            .requiredSignatures,
        ).toEqual(['employee', 'manager']);
      });
    });
  });

  describe('selectTemplate', () => {
    const builtins = () => BUILTIN_TEMPLATES.values();

    it('production staff get production-staff (more specific than staff-general)', () => {
      expect(selectTemplate(builtins(), 'production', 'staff')?.id).toBe('production-staff');
    });

    it('R&D staff get rnd-staff', () => {
      expect(selectTemplate(builtins(), 'rnd', 'staff')?.id).toBe('rnd-staff');
    });

    it.each(['service', 'sales'] as const)('%s staff get service-sales-staff', (category) => {
      expect(selectTemplate(builtins(), category, 'staff')?.id).toBe('service-sales-staff');
    });

    it('functional staff, with no template of their own, get staff-general', () => {
      expect(selectTemplate(builtins(), 'functional', 'staff')?.id).toBe('staff-general');
    });

    it.each(['production', 'rnd', 'service', 'sales', 'functional'] as JobCategory[])('team leads in %s get team-lead', (category) => {
      expect(selectTemplate(builtins(), category, 'team_lead')?.id).toBe('team-lead');
    });

    it.each(['manager', 'executive'] as const)('a %s gets management', (level) => {
      expect(selectTemplate(builtins(), 'rnd', level)?.id).toBe('management');
    });

    it('a retired template is not chosen: production staff fall back to staff-general', () => {
      const templates = [...builtins()].map((t) => (t.id === 'production-staff' ? { ...t, active: false } : t));
      expect(selectTemplate(templates, 'production', 'staff')?.id).toBe('staff-general');
    });

    it('the single-session templates (empty appliesTo) are only used when HR picks them', () => {
      const singles = [template('standard-v1'), template('quick-checkin-v1')];
      expect(selectTemplate(singles, 'production', 'staff')).toBeUndefined();
    });

    it('equally specific templates: the choice is stable, by id, whatever the input order', () => {
      const b = { ...template('production-staff'), id: 'b-line' };
      const a = { ...template('production-staff'), id: 'a-line' };
      expect(selectTemplate([b, a], 'production', 'staff')?.id).toBe('a-line');
      expect(selectTemplate([a, b], 'production', 'staff')?.id).toBe('a-line');
    });

    it("fewer categories wins over an earlier id: the built-ins' ids alone would not show it", () => {
      const broad = { ...template('staff-general'), id: 'a-general' };
      const narrow = { ...template('production-staff'), id: 'z-workshop' };
      expect(selectTemplate([broad, narrow], 'production', 'staff')?.id).toBe('z-workshop');
    });

    it('fewer levels is more specific too', () => {
      const broad = {
        ...template('team-lead'),
        id: 'a-broad',
        appliesTo: { categories: ['rnd'] as JobCategory[], levels: ['team_lead', 'manager'] as const },
      };
      const narrow = {
        ...template('team-lead'),
        id: 'z-narrow',
        appliesTo: { categories: ['rnd'] as JobCategory[], levels: ['team_lead'] as const },
      };
      expect(selectTemplate([broad, narrow], 'rnd', 'team_lead')?.id).toBe('z-narrow');
    });
  });
});

describe('flows', () => {
  describe('validateFlow', () => {
    it.each([...BUILTIN_FLOWS.keys()])('the built-in %s passes its own validation unchanged', (id) => {
      const builtin = flow(id);
      expect(validateFlow(clone(builtin), builtin.id, builtin.version)).toStrictEqual(builtin);
    });

    const steps = (...specs: Array<Record<string, unknown>>) => ({
      name: label,
      steps: specs.map((s) => ({ label, actors: ['employee'], ...s })),
    });

    it('defaults: completed by the first actor, due in 3 days, not signing, not evaluating needs, active', () => {
      expect(
        validateFlow(steps({ key: 'talk', actors: ['manager', 'employee'], edits: ['*'], signing: true }), 'acme-talk', 1),
      ).toStrictEqual({
        id: 'acme-talk',
        version: 1,
        name: label,
        appliesTo: { departments: [], levels: [] },
        steps: [
          {
            key: 'talk',
            label,
            actors: ['manager', 'employee'],
            completedBy: 'manager',
            edits: ['*'],
            dueInDays: 3,
            signing: true,
            evaluatesNeeds: false,
          },
        ],
        active: true,
      });
    });

    it('the last step must be the signing step → FLOW_WITHOUT_SIGNING', () => {
      expectRejected(
        () => validateFlow(steps({ key: 'self', edits: ['goalReview'] }, { key: 'review', actors: ['manager'] }), 'acme-flow', 1),
        'FLOW_WITHOUT_SIGNING',
        'steps[1].signing',
      );
    });

    it('only the last step signs', () => {
      expectRejected(
        () => validateFlow(steps({ key: 'sign_first', signing: true }, { key: 'sign_again', signing: true }), 'acme-flow', 1),
        'INVALID_VALUE',
        'steps[0].signing',
      );
    });

    it("completedBy must be one of the step's actors → INVALID_ROLE", () => {
      expectRejected(
        () => validateFlow(steps({ key: 'self', actors: ['employee'], completedBy: 'manager', signing: true }), 'acme-flow', 1),
        'INVALID_ROLE',
        'steps[0].completedBy',
      );
    });

    it.each([
      ['no steps', { name: label, steps: [] }, 'REQUIRED', 'steps'],
      ['a step without actors', steps({ key: 'sign', actors: [], signing: true }), 'REQUIRED', 'steps[0].actors'],
      ['HR as an actor', steps({ key: 'sign', actors: ['hr'], signing: true }), 'INVALID_ROLE', 'steps[0].actors[0]'],
      ['a repeated step key', steps({ key: 'talk' }, { key: 'talk', signing: true }), 'DUPLICATE_KEY', 'steps[1].key'],
      ['an upper-case step key', steps({ key: 'Sign', signing: true }), 'INVALID_ID', 'steps[0].key'],
      ['dueInDays over 60', steps({ key: 'sign', dueInDays: 61, signing: true }), 'INVALID_VALUE', 'steps[0].dueInDays'],
      ['a negative dueInDays', steps({ key: 'sign', dueInDays: -1, signing: true }), 'INVALID_VALUE', 'steps[0].dueInDays'],
      ['a fractional dueInDays', steps({ key: 'sign', dueInDays: 1.5, signing: true }), 'INVALID_VALUE', 'steps[0].dueInDays'],
      [
        'edits naming a path instead of a section',
        steps({ key: 'sign', edits: ['goalReview.items'], signing: true }),
        'INVALID_VALUE',
        'steps[0].edits[0]',
      ],
      [
        'an unknown level',
        { ...steps({ key: 'sign', signing: true }), appliesTo: { levels: ['intern'] } },
        'INVALID_VALUE',
        'appliesTo.levels[0]',
      ],
    ])('%s is rejected', (_case, input, code, field) => {
      expectRejected(() => validateFlow(input, 'acme-flow', 1), code, field);
    });

    it('an invalid flow id is rejected', () => {
      expectRejected(() => validateFlow(clone(flow('staff-review')), 'Staff Review', 1), 'INVALID_ID', 'id');
    });
  });

  describe('flowMismatch', () => {
    it('staff-review runs staff-general: every section is written at some step', () => {
      expect(flowMismatch(flow('staff-review'), template('staff-general'))).toBeNull();
    });

    it('staff-review cannot run management: nobody writes goalAlignment', () => {
      expect(flowMismatch(flow('staff-review'), template('management'))).toBe('no step of flow staff-review writes section goalAlignment');
    });

    it('management-review cannot run staff-general: its goal_alignment step edits a section the template lacks', () => {
      expect(flowMismatch(flow('management-review'), template('staff-general'))).toBe(
        'step goal_alignment edits section goalAlignment, which template staff-general does not have',
      );
    });

    it.each([...BUILTIN_TEMPLATES.keys()])('single-session ("*") runs %s', (id) => {
      expect(flowMismatch(flow('single-session'), template(id))).toBeNull();
    });
  });

  describe('selectFlow', () => {
    const builtins = () => BUILTIN_FLOWS.values();

    it('production-staff in 生产部 runs production-line', () => {
      expect(selectFlow(builtins(), template('production-staff'), '生产部', 'staff')?.id).toBe('production-line');
    });

    it('a department flow applies to any template it fits: staff-general in 制造部 runs production-line', () => {
      expect(selectFlow(builtins(), template('staff-general'), '制造部', 'staff')?.id).toBe('production-line');
    });

    it('R&D staff in 研发中心 run staff-review', () => {
      expect(selectFlow(builtins(), template('rnd-staff'), '研发中心', 'staff')?.id).toBe('staff-review');
      expect(selectFlow(builtins(), template('staff-general'), '研发中心', 'staff')?.id).toBe('staff-review');
    });

    it.each([
      ['management', 'manager'],
      ['management', 'executive'],
      ['team-lead', 'team_lead'],
    ] as const)('%s for a %s runs management-review, even in 生产部', (templateId, level) => {
      expect(selectFlow(builtins(), template(templateId), '生产部', level)?.id).toBe('management-review');
    });

    it.each(['standard-v1', 'quick-checkin-v1'])('%s is pinned to single-session, whatever the department and level', (templateId) => {
      expect(selectFlow(builtins(), template(templateId), '生产部', 'staff')?.id).toBe('single-session');
      expect(selectFlow(builtins(), template(templateId), '研发中心', 'manager')?.id).toBe('single-session');
    });

    it("no level known: the template's default flow", () => {
      expect(selectFlow(builtins(), template('staff-general'), '生产部', null)?.id).toBe('staff-review');
    });

    describe('an HR flow for 研发中心', () => {
      const rndFlow: FlowDefinition = {
        ...flow('staff-review'),
        id: 'rnd-review',
        appliesTo: { departments: ['研发中心'], levels: ['staff'] },
      };

      it('beats the generic staff-review there', () => {
        expect(selectFlow([...builtins(), rndFlow], template('rnd-staff'), '研发中心', 'staff')?.id).toBe('rnd-review');
      });

      it('is not used elsewhere', () => {
        expect(selectFlow([...builtins(), rndFlow], template('rnd-staff'), '测试中心', 'staff')?.id).toBe('staff-review');
      });

      it('is not used once retired', () => {
        expect(selectFlow([...builtins(), { ...rndFlow, active: false }], template('rnd-staff'), '研发中心', 'staff')?.id).toBe(
          'staff-review',
        );
      });

      it('is not used for a template it cannot run', () => {
        const partial = { ...rndFlow, steps: rndFlow.steps.filter((s) => s.key !== 'improvement_plan') };
        expect(flowMismatch(partial, template('rnd-staff'))).not.toBeNull();
        expect(selectFlow([...builtins(), partial], template('rnd-staff'), '研发中心', 'staff')?.id).toBe('staff-review');
      });
    });
  });
});
