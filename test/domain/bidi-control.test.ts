/**
 * Signed text refuses Unicode bidirectional controls (U+202A–U+202E, U+2066–U+2069): in the
 * domain's text and content checks, and so in every command that carries text people sign.
 */
import { assertContent, assertText } from '../../src/domain/limits';
import { openTestApp, testApollo } from '../support/test-app';
import type { App } from '../../src/server/app';

const CONTROLS = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069].map((c) => String.fromCharCode(c));
// The classic reordering: it shows "工资 10000 元" while the characters say otherwise.
const TROJAN = `工资 \u202E00001\u202C 元`;

describe('bidirectional controls in signed text', () => {
  it.each(CONTROLS.map((c) => [`U+${c.charCodeAt(0).toString(16).toUpperCase()}`, c]))(
    '%s is refused by assertText and anywhere in section content, with BIDI_CONTROL and the field',
    (name, control) => {
      expect(() => assertText(`好${control}的`, 'reason', 200)).toThrow(
        expect.objectContaining({ code: 'BIDI_CONTROL', field: 'reason', message: expect.stringContaining(name) }),
      );
      expect(() => assertContent({ items: [{ goal: `产量${control}` }] }, 'content')).toThrow(
        expect.objectContaining({ code: 'BIDI_CONTROL', field: 'content.items[0].goal' }),
      );
      expect(() => assertContent({ [`k${control}`]: 'v' }, 'content')).toThrow(expect.objectContaining({ code: 'BIDI_CONTROL' }));
    },
  );

  it('leaves ordinary text alone: Chinese, Arabic and Hebrew script, emoji, and the implicit marks LRM/RLM', () => {
    for (const text of ['绩效面谈：产量 1020 件/天', 'مرحبا بالعالم', 'שלום עולם', '👍 完成', 'a\u200Eb\u200Fc']) {
      expect(assertText(text, 'text', 200)).toBe(text);
      expect(assertContent({ text }, 'content')).toEqual({ text });
    }
  });

  describe('through the API', () => {
    let app: App;
    let gql: Awaited<ReturnType<typeof testApollo>>;
    let id: string;
    beforeAll(async () => {
      ({ app } = await openTestApp());
      gql = await testApollo(app);
      const result = await gql.as('M1', ['manager', 'employee'])(
        'mutation { scheduleInterview(input: { employeeId: "E1", templateId: "standard-v1", cycle: "2026-M03", scheduledAt: "2026-07-02T10:00:00+08:00" }) { id } }',
      );
      expect(result.errors).toBeUndefined();
      id = (result.data as any).scheduleInterview.id;
    });
    afterAll(async () => {
      await gql.server.stop();
      await app.close();
    });

    it('section content and basic information are refused with BIDI_CONTROL, and the record does not change', async () => {
      const e1 = gql.as('E1', ['employee']);
      const hr = gql.as('HR1', ['hr', 'employee']);
      const edit = await e1('mutation($input: EditSectionInput!) { editInterviewSection(input: $input) { version } }', {
        input: { interviewId: id, expectedVersion: 1, section: 'goalReview', content: { items: [{ goal: '产量', actual: TROJAN }] } },
      });
      expect(edit.errors?.[0]?.extensions).toMatchObject({ code: 'BIDI_CONTROL', field: 'content.items[0].actual' });
      const basic = await hr('mutation($input: UpdateBasicInfoInput!) { updateInterviewBasicInfo(input: $input) { version } }', {
        input: { interviewId: id, expectedVersion: 1, changes: { location: `3号\u2067会议室\u2069` } },
      });
      expect(basic.errors?.[0]?.extensions).toMatchObject({ code: 'BIDI_CONTROL', field: 'changes.location' });
      const read = await hr('query($id: ID!) { interview(id: $id) { version location } }', { id });
      expect(read.data).toEqual({ interview: { version: 1, location: '' } });
    });
  });
});
