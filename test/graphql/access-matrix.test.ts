/**
 * The access matrix: every root field and subscription of the schema, asked by the record's
 * employee, another employee, the record's manager, another department's manager, HR, an
 * auditor and an admin (and anonymously). Each cell is the outcome the access policy
 * (src/domain/access.ts) gives: `ok`, `sees`/`blind` for lists that do or do not include the
 * record, `hidden` (NOT_FOUND: a record one may not see reads as one that does not exist),
 * `forbidden`, or the code of the business rule that answers once access is granted. A field
 * added to the schema without a row here fails the test.
 */
import { subscribe, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { generateKeyPair, publicKeyBase64, signInterview as clientSign, type SignerKeyPair } from '../../src/client/signer';
import { cosignCheckpoint, witnessKeyFromSeed } from '../../src/client/witness';
import { parseNote } from '../../src/crypto/signed-note';
import type { Role } from '../../src/domain/command';
import { createContext } from '../../src/graphql/context';
import { getSchema } from '../../src/graphql/schema';
import type { App } from '../../src/server/app';
import { openTestApp, testApollo } from '../support/test-app';
import { registerPerson, systemMeta } from '../../src/application/interview-service';

const MATRIX_WITNESS = witnessKeyFromSeed('witness.example/matrix', new Uint8Array(32).fill(3));

type Result = { data?: any; errors?: ReadonlyArray<{ message: string; extensions?: Record<string, any> }> };

const PERSONAS = {
  employee: { id: 'E1', roles: ['employee'] },
  otherEmployee: { id: 'E2', roles: ['employee'] },
  manager: { id: 'M1', roles: ['manager', 'employee'] },
  otherManager: { id: 'M2', roles: ['manager', 'employee'] },
  hr: { id: 'HR1', roles: ['hr', 'employee'] },
  auditor: { id: 'AUD1', roles: ['auditor'] },
  admin: { id: 'ADM1', roles: ['admin'] },
} as const satisfies Record<string, { id: string; roles: readonly Role[] }>;
type Persona = keyof typeof PERSONAS;
const PERSONA_KEYS = Object.keys(PERSONAS) as Persona[];

type Outcome = 'ok' | 'sees' | 'blind' | 'hidden' | 'forbidden' | string;
type Expect = Record<Persona, Outcome>;

/** Record-level reads: the parties and the overseers; anyone else is told the record does not exist. */
const RECORD_READ: Expect = {
  employee: 'ok',
  otherEmployee: 'hidden',
  manager: 'ok',
  otherManager: 'hidden',
  hr: 'ok',
  auditor: 'ok',
  admin: 'ok',
};
const EVERYONE: Expect = { employee: 'ok', otherEmployee: 'ok', manager: 'ok', otherManager: 'ok', hr: 'ok', auditor: 'ok', admin: 'ok' };
const HR_ADMIN: Expect = {
  employee: 'forbidden',
  otherEmployee: 'forbidden',
  manager: 'forbidden',
  otherManager: 'forbidden',
  hr: 'ok',
  auditor: 'forbidden',
  admin: 'ok',
};
const OVERSEERS: Expect = { ...HR_ADMIN, auditor: 'ok' };
const LIST_OF_RECORD: Expect = {
  employee: 'sees',
  otherEmployee: 'blind',
  manager: 'sees',
  otherManager: 'blind',
  hr: 'sees',
  auditor: 'sees',
  admin: 'sees',
};

interface Fixture {
  readonly id: string;
  readonly version: number;
  readonly cycle: string;
  readonly [key: string]: unknown;
}
type Stage = 'none' | 'scheduled' | 'selfAssessed' | 'reviewed' | 'planned' | 'locked';

interface Case {
  readonly field: string;
  readonly name?: string;
  readonly stage: Stage;
  readonly op: (
    f: Fixture,
    p: Persona,
  ) => { query: string; variables?: Record<string, unknown> } | Promise<{ query: string; variables?: Record<string, unknown> }>;
  /** For lists: whether the answer includes the fixture's record. */
  readonly sees?: (data: any, f: Fixture) => boolean;
  readonly expect: Expect;
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('matrix')]).toString('base64');
const TEMPLATE_DEFINITION = {
  name: { zh: '矩阵模板', en: 'Matrix template' },
  appliesTo: { categories: ['functional'], levels: ['staff'] },
  defaultFlowId: 'single-session',
  requiredSignatures: ['employee', 'manager'],
  sections: [
    {
      key: 'remarks',
      kind: 'remarks',
      label: { zh: '备注', en: 'Remarks' },
      fields: [{ key: 'text', type: 'longText', label: { zh: '备注', en: 'Remarks' } }],
    },
  ],
};
const FLOW_DEFINITION = {
  name: { zh: '矩阵流程', en: 'Matrix flow' },
  appliesTo: { departments: ['审计部'], levels: ['staff'] },
  steps: [
    {
      key: 'record',
      label: { zh: '记录', en: 'Record' },
      actors: ['employee', 'manager'],
      completedBy: 'manager',
      edits: ['*'],
      dueInDays: 3,
      signing: true,
    },
  ],
};

let serial = 0;
const unique = () => ++serial;
const cycleOf = (n: number) => `${2030 + Math.floor(n / 12)}-M${String((n % 12) + 1).padStart(2, '0')}`;

const CASES: Case[] = [
  // ---- queries --------------------------------------------------------------------------------
  {
    field: 'interview',
    stage: 'scheduled',
    op: (f) => ({ query: 'query($id: ID!) { interview(id: $id) { id } }', variables: { id: f.id } }),
    expect: RECORD_READ,
  },
  {
    field: 'interviews',
    stage: 'scheduled',
    op: (f) => ({
      query: 'query($c: String!) { interviews(filter: { cycle: $c }) { totalCount edges { node { id } } } }',
      variables: { c: f.cycle },
    }),
    sees: (d, f) => d.interviews.edges.some((e: any) => e.node.id === f.id) && d.interviews.totalCount === 1,
    expect: LIST_OF_RECORD,
  },
  {
    field: 'interviewHistory',
    stage: 'scheduled',
    op: (f) => ({ query: 'query($id: ID!) { interviewHistory(id: $id) { version } }', variables: { id: f.id } }),
    expect: RECORD_READ,
  },
  {
    field: 'interviewAt',
    stage: 'scheduled',
    op: (f) => ({ query: 'query($id: ID!) { interviewAt(id: $id, version: 1) { id } }', variables: { id: f.id } }),
    expect: RECORD_READ,
  },
  {
    field: 'compareInterviewVersions',
    stage: 'selfAssessed',
    op: (f) => ({
      query: 'query($id: ID!) { compareInterviewVersions(id: $id, fromVersion: 1, toVersion: 2) { changes { path } } }',
      variables: { id: f.id },
    }),
    expect: RECORD_READ,
  },
  {
    field: 'employeeInterviewTimeline',
    stage: 'scheduled',
    op: () => ({ query: 'query { employeeInterviewTimeline(employeeId: "E1") { entries { interviewId } } }' }),
    sees: (d, f) => d.employeeInterviewTimeline.entries.some((e: any) => e.interviewId === f.id),
    // Nothing visible reads as nobody: NOT_FOUND, as for an unknown employee.
    expect: { ...LIST_OF_RECORD, otherEmployee: 'hidden', otherManager: 'hidden' },
  },
  {
    field: 'dashboard',
    name: 'dashboard completion',
    stage: 'scheduled',
    op: (f) => ({ query: 'query($c: String!) { dashboard { completion(cycle: $c) { data } } }', variables: { c: f.cycle } }),
    // Company for the overseers, the team for its manager, one's own records for anyone else.
    sees: (d) => d.dashboard.completion.data.total.total === 1,
    expect: LIST_OF_RECORD,
  },
  {
    field: 'dashboard',
    name: 'dashboard radar',
    stage: 'scheduled',
    op: (f) => ({
      query: 'query($c: String!) { dashboard { radar(employeeId: "E1", cycle: $c) { data } } }',
      variables: { c: f.cycle },
    }),
    // Nobody else's radar: null, as for an employee with no record in the cycle.
    sees: (d) => d.dashboard.radar !== null,
    expect: LIST_OF_RECORD,
  },
  {
    field: 'keywords',
    stage: 'selfAssessed',
    op: (f) => ({ query: 'query($id: ID!) { keywords(interviewId: $id) { interviewId } }', variables: { id: f.id } }),
    expect: RECORD_READ,
  },
  {
    field: 'sentiment',
    stage: 'selfAssessed',
    op: (f) => ({ query: 'query($id: ID!) { sentiment(interviewId: $id) { label } }', variables: { id: f.id } }),
    expect: RECORD_READ,
  },
  { field: 'me', stage: 'none', op: () => ({ query: 'query { me { id } }' }), expect: EVERYONE },
  {
    field: 'person',
    stage: 'none',
    op: () => ({ query: 'query { person(id: "E1") { id } }' }),
    expect: { employee: 'ok', otherEmployee: 'hidden', manager: 'ok', otherManager: 'hidden', hr: 'ok', auditor: 'ok', admin: 'ok' },
  },
  { field: 'people', stage: 'none', op: () => ({ query: 'query { people { id } }' }), expect: OVERSEERS },
  { field: 'latestCheckpoint', stage: 'scheduled', op: () => ({ query: 'query { latestCheckpoint { size } }' }), expect: EVERYONE },
  {
    field: 'inclusionProof',
    stage: 'scheduled',
    op: (f) => ({
      query: 'query($s: String!) { inclusionProof(stream: $s, revision: 0) { leafIndex } }',
      variables: { s: `interview-${f.id}` },
    }),
    expect: RECORD_READ,
  },
  {
    field: 'consistencyProof',
    stage: 'scheduled',
    op: () => ({ query: 'query { consistencyProof(oldSize: 1, newSize: 1) { oldSize } }' }),
    expect: EVERYONE,
  },
  {
    field: 'signingMessage',
    stage: 'scheduled',
    op: (f) => ({
      query: 'query($id: ID!) { signingMessage(interviewId: $id, version: 1, role: employee) { contentDigest } }',
      variables: { id: f.id },
    }),
    expect: RECORD_READ,
  },
  { field: 'templates', stage: 'none', op: () => ({ query: 'query { templates { id } }' }), expect: EVERYONE },
  { field: 'template', stage: 'none', op: () => ({ query: 'query { template(id: "standard-v1") { id } }' }), expect: EVERYONE },
  {
    field: 'templateVersions',
    stage: 'none',
    op: () => ({ query: 'query { templateVersions(id: "standard-v1") { version } }' }),
    expect: EVERYONE,
  },
  { field: 'flows', stage: 'none', op: () => ({ query: 'query { flows { id } }' }), expect: EVERYONE },
  { field: 'flow', stage: 'none', op: () => ({ query: 'query { flow(id: "staff-review") { id } }' }), expect: EVERYONE },
  {
    field: 'flowVersions',
    stage: 'none',
    op: () => ({ query: 'query { flowVersions(id: "staff-review") { version publication { note } } }' }),
    expect: EVERYONE,
  },
  {
    field: 'flowFor',
    stage: 'none',
    op: () => ({ query: 'query { flowFor(templateId: "production-staff", department: "生产部", level: "staff") { id } }' }),
    expect: { ...HR_ADMIN, manager: 'ok', otherManager: 'ok' },
  },
  {
    field: 'templateFor',
    stage: 'none',
    op: () => ({ query: 'query { templateFor(category: "production", level: "staff") { id } }' }),
    expect: { ...HR_ADMIN, manager: 'ok', otherManager: 'ok' },
  },
  {
    field: 'supportNeeds',
    stage: 'selfAssessed',
    op: () => ({ query: 'query { supportNeeds(first: 200) { interviewId } }' }),
    sees: (d, f) => d.supportNeeds.some((n: any) => n.interviewId === f.id),
    expect: LIST_OF_RECORD,
  },
  {
    field: 'myTasks',
    stage: 'scheduled',
    op: () => ({ query: 'query { myTasks(first: 200) { interviewId } }' }),
    sees: (d, f) => d.myTasks.some((t: any) => t.interviewId === f.id),
    // A freshly scheduled production-line record waits for the employee's self-assessment.
    expect: {
      employee: 'sees',
      otherEmployee: 'blind',
      manager: 'blind',
      otherManager: 'blind',
      hr: 'blind',
      auditor: 'blind',
      admin: 'blind',
    },
  },
  {
    field: 'tasks',
    stage: 'scheduled',
    op: () => ({ query: 'query { tasks(first: 200) { interviewId } }' }),
    sees: (d, f) => d.tasks.some((t: any) => t.interviewId === f.id),
    expect: {
      employee: 'forbidden',
      otherEmployee: 'forbidden',
      manager: 'sees',
      otherManager: 'blind',
      hr: 'sees',
      auditor: 'sees',
      admin: 'sees',
    },
  },
  { field: 'notifications', stage: 'none', op: () => ({ query: 'query { notifications { id } }' }), expect: EVERYONE },
  { field: 'reminderPolicy', stage: 'none', op: () => ({ query: 'query { reminderPolicy }' }), expect: EVERYONE },

  // ---- mutations ------------------------------------------------------------------------------
  {
    field: 'scheduleInterview',
    stage: 'none',
    op: () => ({
      query:
        'mutation($c: String!) { scheduleInterview(input: { employeeId: "E1", cycle: $c, scheduledAt: "2026-07-03T10:00:00+08:00" }) { id managerId } }',
      variables: { c: cycleOf(unique()) },
    }),
    expect: {
      employee: 'forbidden',
      otherEmployee: 'forbidden',
      manager: 'ok',
      otherManager: 'NOT_EMPLOYEES_MANAGER',
      hr: 'ok',
      auditor: 'forbidden',
      admin: 'ok',
    },
  },
  {
    field: 'scheduleInterview',
    name: 'naming another manager',
    stage: 'none',
    op: () => ({
      query:
        'mutation($c: String!) { scheduleInterview(input: { employeeId: "E1", managerId: "M2", cycle: $c, scheduledAt: "2026-07-03T10:00:00+08:00" }) { id } }',
      variables: { c: cycleOf(unique()) },
    }),
    expect: {
      employee: 'forbidden',
      otherEmployee: 'forbidden',
      manager: 'NOT_MANAGER_OF_RECORD',
      otherManager: 'NOT_EMPLOYEES_MANAGER',
      hr: 'ok',
      auditor: 'forbidden',
      admin: 'ok',
    },
  },
  {
    field: 'scheduleInterview',
    name: 'a second interview in the cycle, with a reason',
    stage: 'scheduled',
    op: (f) => ({
      query:
        'mutation($c: String!) { scheduleInterview(input: { employeeId: "E1", cycle: $c, scheduledAt: "2026-07-03T10:00:00+08:00", reason: "调岗后补谈" }) { id } }',
      variables: { c: f.cycle },
    }),
    expect: {
      employee: 'forbidden',
      otherEmployee: 'forbidden',
      manager: 'INTERVIEW_EXISTS_IN_CYCLE',
      otherManager: 'NOT_EMPLOYEES_MANAGER',
      hr: 'ok',
      auditor: 'forbidden',
      admin: 'ok',
    },
  },
  {
    field: 'editInterviewSection',
    stage: 'scheduled',
    op: (f) => ({
      query:
        'mutation($id: ID!, $v: Int!) { editInterviewSection(input: { interviewId: $id, expectedVersion: $v, section: "highlights", content: { items: [{ case: "提前报修 2 号线送料机构，避免停线", data: "减少停线 6 小时" }] } }) { version } }',
      variables: { id: f.id, v: f.version },
    }),
    // At the self-assessment only the employee writes.
    expect: { ...RECORD_READ, manager: 'STEP_ROLE_FORBIDDEN', hr: 'forbidden', auditor: 'forbidden', admin: 'forbidden' },
  },
  {
    field: 'updateInterviewBasicInfo',
    stage: 'scheduled',
    op: (f) => ({
      query:
        'mutation($id: ID!, $v: Int!) { updateInterviewBasicInfo(input: { interviewId: $id, expectedVersion: $v, changes: { location: "2 号会议室" } }) { version } }',
      variables: { id: f.id, v: f.version },
    }),
    expect: { ...RECORD_READ, auditor: 'forbidden' },
  },
  {
    field: 'submitStep',
    stage: 'scheduled',
    op: (f) => ({
      query: 'mutation($id: ID!) { submitStep(interviewId: $id, step: "self_assessment") { version } }',
      variables: { id: f.id },
    }),
    // The employee completes the self-assessment (here: with its required parts still empty).
    expect: {
      ...RECORD_READ,
      employee: 'REQUIRED_SECTION_EMPTY',
      manager: 'STEP_ROLE_FORBIDDEN',
      hr: 'STEP_ROLE_FORBIDDEN',
      auditor: 'STEP_ROLE_FORBIDDEN',
      admin: 'STEP_ROLE_FORBIDDEN',
    },
  },
  {
    field: 'returnStep',
    stage: 'selfAssessed',
    op: (f) => ({
      query: 'mutation($id: ID!) { returnStep(interviewId: $id, toStep: "self_assessment", reason: "请按班次填写") { version } }',
      variables: { id: f.id },
    }),
    // The meeting's actors (employee and manager), HR and admins send back; auditors only read.
    expect: { ...RECORD_READ, auditor: 'STEP_ROLE_FORBIDDEN' },
  },
  {
    field: 'evaluateSupportNeed',
    stage: 'reviewed',
    op: (f) => ({
      query:
        'mutation($id: ID!, $v: Int!) { evaluateSupportNeed(input: { interviewId: $id, expectedVersion: $v, needId: "S1", decision: "approved", reason: "设备科备货" }) { version } }',
      variables: { id: f.id, v: f.version },
    }),
    expect: { ...RECORD_READ, employee: 'forbidden', hr: 'forbidden', auditor: 'forbidden', admin: 'forbidden' },
  },
  {
    field: 'fulfilSupportNeed',
    stage: 'planned',
    op: (f) => ({
      query: 'mutation($id: ID!) { fulfilSupportNeed(interviewId: $id, needId: "S1", note: "已发放") { id } }',
      variables: { id: f.id },
    }),
    expect: HR_ADMIN,
  },
  {
    field: 'reportTaskProgress',
    stage: 'planned',
    op: (f) => ({
      query: 'mutation($id: ID!) { reportTaskProgress(interviewId: $id, taskId: "I1", progress: 50) { id } }',
      variables: { id: f.id },
    }),
    expect: { ...RECORD_READ, hr: 'forbidden', auditor: 'forbidden', admin: 'forbidden' },
  },
  {
    field: 'completeTask',
    stage: 'planned',
    op: (f) => ({ query: 'mutation($id: ID!) { completeTask(interviewId: $id, taskId: "I1") { id } }', variables: { id: f.id } }),
    expect: { ...RECORD_READ, hr: 'forbidden', auditor: 'forbidden', admin: 'forbidden' },
  },
  {
    field: 'uploadAttachment',
    stage: 'scheduled',
    op: (f) => ({
      query:
        'mutation($id: ID!, $b: String!) { uploadAttachment(interviewId: $id, fileName: "卡料.png", mediaType: "image/png", contentBase64: $b) { id } }',
      variables: { id: f.id, b: PNG },
    }),
    expect: { ...RECORD_READ, auditor: 'forbidden' },
  },
  {
    field: 'signInterview',
    stage: 'planned',
    op: async (f, p) => ({
      query: 'mutation($input: SignInterviewInput!) { signInterview(input: $input) { status } }',
      variables: { input: await signatureOf(f, p) },
    }),
    expect: { ...RECORD_READ, hr: 'NOT_A_PARTY', auditor: 'NOT_A_PARTY', admin: 'NOT_A_PARTY' },
  },
  {
    field: 'addAddendum',
    stage: 'locked',
    op: (f) => ({ query: 'mutation($id: ID!) { addAddendum(interviewId: $id, text: "培训安排在 8 月") { id } }', variables: { id: f.id } }),
    expect: { ...RECORD_READ, auditor: 'forbidden' },
  },
  {
    field: 'openCorrection',
    stage: 'locked',
    op: (f) => ({
      query: 'mutation($id: ID!) { openCorrection(interviewId: $id, reason: "产量数据录入错误") { id } }',
      variables: { id: f.id },
    }),
    expect: HR_ADMIN,
  },
  {
    field: 'exportEvidence',
    stage: 'scheduled',
    op: (f) => ({ query: 'mutation($id: ID!) { exportEvidence(interviewId: $id) { interviews } }', variables: { id: f.id } }),
    expect: RECORD_READ,
  },
  {
    field: 'exportEvidence',
    name: 'by query',
    stage: 'scheduled',
    op: (f) => ({
      query: 'mutation($c: String!) { exportEvidence(filter: { employeeId: "E1", cycle: $c }) { interviews } }',
      variables: { c: f.cycle },
    }),
    expect: OVERSEERS,
  },
  {
    field: 'registerPerson',
    stage: 'none',
    op: () => ({
      query:
        'mutation($id: ID!) { registerPerson(input: { personId: $id, name: "新人", department: "生产部", position: "装配工", managerId: "M1", category: "production", level: "staff" }) { id } }',
      variables: { id: `NEW${unique()}` },
    }),
    expect: HR_ADMIN,
  },
  {
    field: 'registerSigningKey',
    stage: 'none',
    op: (_f, p) => ({
      query: 'mutation($p: ID!, $k: String!) { registerSigningKey(personId: $p, publicKey: $k) { kid } }',
      variables: { p: PERSONAS[p].id, k: publicKeyBase64(generateKeyPair()) },
    }),
    expect: EVERYONE,
  },
  {
    field: 'registerSigningKey',
    name: 'for someone else (E1)',
    stage: 'none',
    op: () => ({
      query: 'mutation($k: String!) { registerSigningKey(personId: "E1", publicKey: $k) { kid } }',
      variables: { k: publicKeyBase64(generateKeyPair()) },
    }),
    expect: { ...HR_ADMIN, employee: 'ok' },
  },
  {
    field: 'revokeSigningKey',
    stage: 'none',
    op: async () => ({
      query: 'mutation($k: String!) { revokeSigningKey(personId: "E1", kid: $k, reason: "换机") { status } }',
      variables: { k: await freshKeyOf('E1') },
    }),
    expect: { ...HR_ADMIN, employee: 'ok' },
  },
  {
    field: 'signCheckpoint',
    stage: 'scheduled',
    op: () => ({ query: 'mutation { signCheckpoint { size } }' }),
    expect: { ...HR_ADMIN, hr: 'forbidden', auditor: 'ok' },
  },
  {
    // The witness key authorises a cosignature, not the carrier's role (WITNESS_KEYS lists it).
    field: 'addCosignature',
    stage: 'scheduled',
    op: async () => {
      const checkpoint = await app.merkle.signCheckpoint();
      return {
        query: 'mutation($s: Int!, $c: String!) { addCosignature(treeSize: $s, cosignature: $c) { size } }',
        variables: { s: checkpoint.size, c: cosignCheckpoint(MATRIX_WITNESS, parseNote(checkpoint.note).text, 1_782_000_000) },
      };
    },
    expect: EVERYONE,
  },
  {
    field: 'publishTemplate',
    stage: 'none',
    op: () => ({
      query: 'mutation($id: ID!, $d: JSONObject!) { publishTemplate(id: $id, definition: $d) { id } }',
      variables: { id: `matrix-t${unique()}`, d: TEMPLATE_DEFINITION },
    }),
    expect: HR_ADMIN,
  },
  {
    field: 'publishFlow',
    stage: 'none',
    op: () => ({
      query: 'mutation($id: ID!, $d: JSONObject!) { publishFlow(id: $id, definition: $d) { id } }',
      variables: { id: `matrix-f${unique()}`, d: FLOW_DEFINITION },
    }),
    expect: HR_ADMIN,
  },
  { field: 'runReminders', stage: 'none', op: () => ({ query: 'mutation { runReminders { considered } }' }), expect: HR_ADMIN },
  {
    field: 'setReminderPolicy',
    stage: 'none',
    op: async () => ({ query: 'mutation($p: JSONObject!) { setReminderPolicy(policy: $p) }', variables: { p: await currentPolicy() } }),
    expect: HR_ADMIN,
  },
  // ---- alerts (auditors: ALERTS_VISIBLE_TO_AUDITORS is off here; test/graphql/alerts.graphql.test.ts turns it on) ----
  { field: 'alerts', stage: 'none', op: () => ({ query: 'query { alerts { edges { node { id } } } }' }), expect: HR_ADMIN },
  {
    field: 'alert',
    name: 'no such alert: the same answer for everyone',
    stage: 'none',
    op: () => ({ query: 'query { alert(id: "stress-E1-2099") { id } }' }),
    expect: {
      employee: 'hidden',
      otherEmployee: 'hidden',
      manager: 'hidden',
      otherManager: 'hidden',
      hr: 'hidden',
      auditor: 'hidden',
      admin: 'hidden',
    },
  },
  {
    field: 'acknowledgeAlert',
    stage: 'none',
    op: () => ({ query: 'mutation { acknowledgeAlert(id: "stress-E1-2099", note: "看过") { id } }' }),
    expect: { ...HR_ADMIN, hr: 'hidden', admin: 'hidden' },
  },
  {
    field: 'closeAlert',
    stage: 'none',
    op: () => ({ query: 'mutation { closeAlert(id: "stress-E1-2099", note: "看过") { id } }' }),
    expect: { ...HR_ADMIN, hr: 'hidden', admin: 'hidden' },
  },
  {
    field: 'alertReads',
    stage: 'none',
    op: () => ({ query: 'query { alertReads { readerId } }' }),
    expect: { ...HR_ADMIN, hr: 'forbidden' },
  },
  { field: 'analyticsWords', stage: 'none', op: () => ({ query: 'query { analyticsWords { version } }' }), expect: HR_ADMIN },
  {
    field: 'setAnalyticsWords',
    stage: 'none',
    op: async () => ({
      query: 'mutation($v: Int!) { setAnalyticsWords(input: {}, expectedVersion: $v) { version } }',
      variables: { v: (await expectOk(as('hr')('query { analyticsWords { version } }'))).analyticsWords.version },
    }),
    expect: HR_ADMIN,
  },
];

/** Subscriptions: whether the persona hears of a change it may see. */
const SUBSCRIPTIONS: Record<string, Expect> = {
  interviewChanged: {
    employee: 'sees',
    otherEmployee: 'blind',
    manager: 'sees',
    otherManager: 'blind',
    hr: 'sees',
    auditor: 'sees',
    admin: 'sees',
  },
  // A self-assessment three days overdue: reminded to the employee, escalated to the manager and to HR; nobody else hears of it.
  notificationAdded: {
    employee: 'sees',
    otherEmployee: 'blind',
    manager: 'sees',
    otherManager: 'blind',
    hr: 'sees',
    auditor: 'blind',
    admin: 'blind',
  },
};

let app: App;
let clock: Awaited<ReturnType<typeof openTestApp>>['clock'];
let gql: Awaited<ReturnType<typeof testApollo>>;
let schema: GraphQLSchema;
const keys = new Map<string, { keys: SignerKeyPair; kid: string }>();
const as = (p: Persona) => gql.as(PERSONAS[p].id, [...PERSONAS[p].roles]);
const expectOk = async (pending: Promise<Result>) => {
  const result = await pending;
  if (result.errors) throw new Error(`fixture step failed: ${JSON.stringify(result.errors)}`);
  return result.data;
};

/** Revokes E1's keys other than the one the fixtures sign with (a person holds at most five active keys). */
async function revokeExtraKeys(personId: string): Promise<void> {
  const { person } = await expectOk(as('hr')('query($id: ID!) { person(id: $id) { signingKeys { kid status } } }', { id: personId }));
  for (const key of person.signingKeys) {
    if (key.status === 'active' && key.kid !== keys.get(personId)?.kid) {
      await expectOk(
        as('hr')('mutation($p: ID!, $k: String!) { revokeSigningKey(personId: $p, kid: $k, reason: "测试清理") { status } }', {
          p: personId,
          k: key.kid,
        }),
      );
    }
  }
}

async function freshKeyOf(personId: string): Promise<string> {
  const data = await expectOk(
    gql.as('HR1', ['hr'])('mutation($p: ID!, $k: String!) { registerSigningKey(personId: $p, publicKey: $k) { kid } }', {
      p: personId,
      k: publicKeyBase64(generateKeyPair()),
    }),
  );
  return data.registerSigningKey.kid;
}

async function currentPolicy(): Promise<Record<string, unknown>> {
  const { reminderPolicy } = await expectOk(as('hr')('query { reminderPolicy }'));
  const { timeZone: _zone, ...policy } = reminderPolicy;
  return policy;
}

async function version(id: string): Promise<number> {
  return (await expectOk(as('hr')('query($id: ID!) { interview(id: $id) { version } }', { id }))).interview.version;
}

/** A signature of the fixture's current version by the persona, with their own registered key (a fresh one for non-parties). */
async function signatureOf(f: Fixture, p: Persona) {
  const persona = PERSONAS[p];
  const role = persona.id === 'M1' ? 'manager' : 'employee';
  const key = keys.get(persona.id) ?? { keys: generateKeyPair(), kid: 'none' };
  const data = await expectOk(
    as('hr')(
      'query($id: ID!, $v: Int!, $r: SignatureRole!, $s: ID!) { signingMessage(interviewId: $id, version: $v, role: $r, signerId: $s) { content message } }',
      {
        id: f.id,
        v: f.version,
        r: role,
        s: persona.id,
      },
    ),
  );
  const signed = clientSign(
    { interviewId: f.id, version: f.version, role, signerId: persona.id, content: data.signingMessage.content },
    key.keys.secretKey,
  );
  return { interviewId: f.id, version: f.version, role, kid: key.kid === 'none' ? signed.kid : key.kid, signature: signed.signature };
}

/** A production-line record of E1 (manager M1) in a cycle of its own, brought to `stage` by the parties. */
async function fixture(stage: Stage): Promise<Fixture> {
  if (stage === 'none') return { id: 'none', version: 0, cycle: 'none' };
  const cycle = cycleOf(unique());
  const { scheduleInterview } = await expectOk(
    as('hr')(
      'mutation($c: String!) { scheduleInterview(input: { employeeId: "E1", cycle: $c, scheduledAt: "2026-07-03T10:00:00+08:00" }) { id flowId } }',
      { c: cycle },
    ),
  );
  const id: string = scheduleInterview.id;
  expect(scheduleInterview.flowId).toBe('production-line');
  const edit = async (p: Persona, section: string, content: unknown) =>
    expectOk(
      as(p)('mutation($input: EditSectionInput!) { editInterviewSection(input: $input) { version } }', {
        input: { interviewId: id, expectedVersion: await version(id), section, content },
      }),
    );
  const submit = (p: Persona, step: string) =>
    expectOk(as(p)('mutation($id: ID!, $s: String!) { submitStep(interviewId: $id, step: $s) { version } }', { id, s: step }));
  if (stage !== 'scheduled') {
    await edit('employee', 'goalReview', { items: [{ goal: '日产量', target: '1000 件', actual: '960 件' }] });
    await edit('employee', 'highlights', { items: [{ case: '发现 2 号线送料机构磨损并提前报修，避免停线', data: '减少停线 6 小时' }] });
    await edit('employee', 'problems', { items: [{ problem: '送料机构卡料', cause: '导轨磨损', measures: '每班点检导轨' }] });
    await edit('employee', 'nextGoals', {
      goals: [{ goal: '日产量', target: '1000 件' }],
      supportNeeds: [{ type: 'resource', need: '备用导轨 2 套' }],
    });
    await submit('employee', 'self_assessment');
  }
  if (stage === 'reviewed' || stage === 'planned' || stage === 'locked') {
    const { interview } = await expectOk(as('hr')('query($id: ID!) { interview(id: $id) { sections } }', { id }));
    await edit('manager', 'goalReview', {
      items: interview.sections.goalReview.items.map((item: object) => ({ ...item, actual: '960 件', achievement: 96 })),
    });
    await submit('manager', 'meeting_review');
  }
  if (stage === 'planned' || stage === 'locked') {
    await edit('manager', 'improvementPlan', {
      consensus: '先解决卡料',
      items: [
        {
          action: '每班开机前点检送料导轨并记录',
          metric: '卡料停线次数',
          target: '≤ 1 次/月',
          ownerId: 'E1',
          deadline: '2026-07-20',
          linkedTo: 'P1',
        },
      ],
    });
    await expectOk(
      as('manager')('mutation($input: EvaluateSupportNeedInput!) { evaluateSupportNeed(input: $input) { version } }', {
        input: { interviewId: id, expectedVersion: await version(id), needId: 'S1', decision: 'approved', reason: '设备科本周备货' },
      }),
    );
    await submit('manager', 'improvement_plan');
  }
  const f = { id, version: await version(id), cycle };
  if (stage === 'locked') {
    for (const p of ['employee', 'manager'] as const)
      await expectOk(
        as(p)('mutation($input: SignInterviewInput!) { signInterview(input: $input) { status } }', { input: await signatureOf(f, p) }),
      );
  }
  return f;
}

function outcomeOf(result: Result, c: Case, f: Fixture): Outcome {
  const code = result.errors?.[0]?.extensions?.code;
  if (code === 'NOT_FOUND') return 'hidden';
  if (code === 'FORBIDDEN') return 'forbidden';
  if (code) return code;
  if (c.sees) return c.sees(result.data, f) ? 'sees' : 'blind';
  return 'ok';
}

beforeAll(async () => {
  ({ app, clock } = await openTestApp({ EVIDENCE_QUERY_EXPORTS_PER_MINUTE: '0', WITNESS_KEYS: MATRIX_WITNESS.vkey }));
  clock.set('2026-07-01T01:00:00.000Z');
  gql = await testApollo(app);
  schema = await getSchema();
  await registerPerson(app, systemMeta(clock(), 'HR1'), {
    personId: 'ADM1',
    name: '系统管理员',
    department: '信息部',
    position: '管理员',
    managerId: null,
    category: 'functional',
    level: 'staff',
    roles: ['admin'],
  });
  for (const person of ['E1', 'M1'] as const) {
    const pair = generateKeyPair();
    const caller = gql.as(person, person === 'M1' ? ['manager', 'employee'] : ['employee']);
    const data = await expectOk(
      caller('mutation($p: ID!, $k: String!) { registerSigningKey(personId: $p, publicKey: $k) { kid } }', {
        p: person,
        k: publicKeyBase64(pair),
      }),
    );
    keys.set(person, { keys: pair, kid: data.registerSigningKey.kid });
  }
}, 60_000);

afterAll(async () => {
  await gql?.server.stop();
  await app?.close();
});

describe('the access matrix', () => {
  it('has a row for every root field and subscription of the schema, and no row for a field that is not there', () => {
    const roots = [schema.getQueryType()!, schema.getMutationType()!].flatMap((t) => Object.keys(t.getFields()));
    const subscriptions = Object.keys(schema.getSubscriptionType()!.getFields());
    const covered = new Set(CASES.map((c) => c.field));
    expect(roots.filter((f) => !covered.has(f))).toEqual([]);
    expect([...covered].filter((f) => !roots.includes(f))).toEqual([]);
    expect(subscriptions.sort()).toEqual(Object.keys(SUBSCRIPTIONS).sort());
  });

  it.each(CASES.map((c) => [c.name ? `${c.field} (${c.name})` : c.field, c] as const))(
    '%s',
    async (_label, c) => {
      const observed: Partial<Record<Persona | 'anonymous', Outcome>> = {};
      for (const persona of PERSONA_KEYS) {
        if (c.field.endsWith('SigningKey')) await revokeExtraKeys('E1');
        const f = await fixture(c.stage);
        const { query, variables } = await c.op(f, persona);
        const result = await as(persona)(query, variables);
        observed[persona] = outcomeOf(result, c, f);
      }
      const f = await fixture(c.stage);
      const { query, variables } = await c.op(f, 'employee');
      observed.anonymous = outcomeOf(await gql.as(null)(query, variables), c, f);
      expect(observed).toEqual({ ...c.expect, anonymous: 'UNAUTHENTICATED' });
    },
    120_000,
  );

  it.each(
    CASES.filter((c) => c.expect.otherEmployee === 'hidden' && c.stage !== 'none').map(
      (c) => [c.name ? `${c.field} (${c.name})` : c.field, c] as const,
    ),
  )(
    '%s: a record one may not see answers exactly as an id that does not exist',
    async (_label, c) => {
      const f = await fixture(c.stage);
      const unknown = { ...f, id: `${f.id.slice(0, -4)}zzzz` };
      const asked = await c.op(f, 'otherEmployee');
      const forbidden = await as('otherEmployee')(asked.query, asked.variables);
      // The same request with the id swapped for one that exists nowhere.
      const swap = (text: string) => text.replaceAll(f.id, unknown.id);
      const missing = await as('otherEmployee')(swap(asked.query), asked.variables && JSON.parse(swap(JSON.stringify(asked.variables))));
      expect(forbidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(JSON.stringify(forbidden).replaceAll(f.id, '<id>')).toBe(JSON.stringify(missing).replaceAll(unknown.id, '<id>'));
    },
    60_000,
  );

  it.each(Object.entries(SUBSCRIPTIONS))(
    'subscription %s',
    async (field, expected) => {
      const f = await fixture('scheduled');
      const query =
        field === 'interviewChanged'
          ? `subscription { interviewChanged { interviewId eventType } }`
          : `subscription { notificationAdded { id interviewId kind } }`;
      const streams = new Map<Persona, AsyncIterator<ExecutionResult>>();
      for (const persona of PERSONA_KEYS) {
        const p = PERSONAS[persona];
        const stream = await subscribe({
          schema,
          document: parse(query),
          contextValue: createContext(app, { id: p.id, roles: [...p.roles] }, '10.0.0.1'),
        });
        if (!(Symbol.asyncIterator in (stream as object)))
          throw new Error(`${field} did not subscribe for ${persona}: ${JSON.stringify(stream)}`);
        streams.set(persona, (stream as AsyncIterableIterator<ExecutionResult>)[Symbol.asyncIterator]());
      }
      const anonymous = await subscribe({ schema, document: parse(query), contextValue: createContext(app, null, '10.0.0.1') });
      expect((anonymous as ExecutionResult).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

      // Trigger: an edit of the fixture, or (for notifications) its self-assessment going overdue.
      if (field === 'interviewChanged') {
        await expectOk(
          as('hr')(
            'mutation($id: ID!, $v: Int!) { updateInterviewBasicInfo(input: { interviewId: $id, expectedVersion: $v, changes: { location: "线上" } }) { version } }',
            { id: f.id, v: f.version },
          ),
        );
      } else {
        clock.set('2026-07-06T11:00:00.000Z');
        await expectOk(as('hr')('mutation { runReminders { considered } }'));
      }
      const observed: Partial<Record<Persona, Outcome>> = {};
      // Each stream is drained for a moment: earlier fixtures of E1 may be reported too.
      const deadline = Date.now() + 1500;
      for (const [persona, iterator] of streams) {
        observed[persona] = 'blind';
        for (;;) {
          const wait = Math.max(50, deadline - Date.now());
          const next = await Promise.race([iterator.next(), new Promise<null>((resolve) => setTimeout(() => resolve(null), wait))]);
          if (!next || next.done) break;
          if ((next.value.data as any)?.[field]?.interviewId === f.id) {
            observed[persona] = 'sees';
            break;
          }
        }
        await iterator.return?.();
      }
      expect(observed).toEqual(expected);
    },
    60_000,
  );
});
