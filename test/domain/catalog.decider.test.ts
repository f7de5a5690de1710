/**
 * The catalog decider (src/domain/catalog): HR and admins publish template and flow versions;
 * a built-in id continues from its built-in version, a new id starts at 1, later publications
 * count on from the stream's latest version.
 */
import { catalogDecider } from '../../src/domain/catalog/decider';
import type { CatalogEvent, PublishFlow, PublishTemplate } from '../../src/domain/catalog/catalog';
import type { CommandMeta, Role } from '../../src/domain/command';
import { ForbiddenError, ValidationError } from '../../src/domain/errors';
import { findTemplate } from '../../src/domain/interview/template';
import { BUILTIN_FLOWS } from '../../src/domain/workflow/flow';
import { specFor } from '../support/given-when-then';

const { given } = specFor(catalogDecider);

const meta = (actor: string, ...roles: Role[]): CommandMeta => ({
  actor,
  roles,
  ip: '203.0.113.7',
  now: '2026-06-20T02:00:00.000Z',
  commandId: `cmd-${actor}`,
});
const HR = meta('hr-1', 'hr');
const ADMIN = meta('adm-1', 'admin');
const MANAGER = meta('mgr-1', 'manager', 'employee');

/** What an HR client sends: a plain copy of a definition. */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const STANDARD = findTemplate('standard-v1')!;
const FLOW = [...BUILTIN_FLOWS.values()][0]!;

const publishTemplate = (by: CommandMeta, id: string, note?: string): PublishTemplate => ({
  type: 'PublishTemplate',
  data: { id, definition: clone(STANDARD), ...(note !== undefined ? { note } : {}) },
  meta: by,
});
const publishFlow = (by: CommandMeta, id: string): PublishFlow => ({
  type: 'PublishFlow',
  data: { id, definition: clone(FLOW) },
  meta: by,
});
const templatePublished = (id: string, version: number, note = ''): CatalogEvent => ({
  type: 'TemplateVersionPublished',
  data: { template: { ...STANDARD, id, version }, note },
});
const flowPublished = (id: string, version: number): CatalogEvent => ({
  type: 'FlowVersionPublished',
  data: { flow: { ...FLOW, id, version }, note: '' },
});

describe('catalog decider', () => {
  it('publishing a built-in id continues from the built-in version', () => {
    given([])
      .when(publishTemplate(HR, STANDARD.id))
      .then([templatePublished(STANDARD.id, STANDARD.version + 1)]);
    given([])
      .when(publishFlow(ADMIN, FLOW.id))
      .then([flowPublished(FLOW.id, FLOW.version + 1)]);
  });

  it('publishing a built-in at version 2 gives version 3, and after an HR version 2 published before it shipped, 3 as well', () => {
    const rnd = findTemplate('rnd-staff')!;
    expect(rnd.version).toBe(2);
    given([])
      .when({ type: 'PublishTemplate', data: { id: rnd.id, definition: clone(rnd) }, meta: HR })
      .then([{ type: 'TemplateVersionPublished', data: { template: { ...rnd, version: 3 }, note: '' } }]);
    given([templatePublished(rnd.id, 2)])
      .when(publishTemplate(HR, rnd.id))
      .then([templatePublished(rnd.id, 3)]);
  });

  it('a new id starts at version 1; the next publication is version 2', () => {
    given([])
      .when(publishTemplate(HR, 'acme-staff', '  first cut  '))
      .then([templatePublished('acme-staff', 1, 'first cut')]);
    given([templatePublished('acme-staff', 1)])
      .when(publishTemplate(HR, 'acme-staff'))
      .then([templatePublished('acme-staff', 2)]);
    given([flowPublished('acme-flow', 1)])
      .when(publishFlow(HR, 'acme-flow'))
      .then([flowPublished('acme-flow', 2)]);
  });

  it('only HR and admins design templates and flows (FORBIDDEN)', () => {
    given([]).when(publishTemplate(MANAGER, 'acme-staff')).thenThrows(ForbiddenError, 'FORBIDDEN');
    given([]).when(publishFlow(MANAGER, 'acme-flow')).thenThrows(ForbiddenError, 'FORBIDDEN');
  });

  it('a definition that does not validate is refused', () => {
    given([])
      .when({ type: 'PublishTemplate', data: { id: 'acme-staff', definition: { ...clone(STANDARD), sections: [] } }, meta: HR })
      .thenThrows(ValidationError, 'REQUIRED', 'sections');
  });
});
