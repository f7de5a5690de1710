import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { hasAnyRole } from '../domain/command';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import { canView } from '../domain/interview/interview';
import type { BundleSubject } from '../evidence/bundle-format';
import { exportEvidence } from '../evidence/export-bundle';
import { requireActor, type Context } from './context';
import { EvidenceBundleFile, EvidenceFilter } from './evidence.type';

@Resolver()
export class EvidenceResolver {
  @Authorized()
  @Mutation(() => EvidenceBundleFile, {
    description:
      'Exports an evidence bundle for one interview (its parties, HR, auditors, admins) or for every interview matching a filter (HR, auditors, admins). A mutation because it signs a fresh checkpoint.',
  })
  async exportEvidence(
    @Ctx() ctx: Context,
    @Arg('interviewId', () => ID, { nullable: true }) interviewId?: string,
    @Arg('filter', () => EvidenceFilter, { nullable: true }) filter?: EvidenceFilter,
  ): Promise<EvidenceBundleFile> {
    const actor = requireActor(ctx);
    if ((interviewId ? 1 : 0) + (filter ? 1 : 0) !== 1) throw new ValidationError('give exactly one of interviewId or filter', 'interviewId');
    let subject: BundleSubject;
    if (interviewId) {
      const doc = await ctx.loaders.interview.load(interviewId);
      if (!doc || !canView({ actor: actor.id, roles: actor.roles }, doc)) throw new NotFoundError(`no interview ${interviewId}`, 'interviewId');
      subject = { kind: 'interview', interviewId };
    } else {
      if (!hasAnyRole({ roles: actor.roles }, 'hr', 'auditor', 'admin')) throw new ForbiddenError('only HR, auditors and admins export by query');
      subject = {
        kind: 'query',
        ...(filter!.employeeId ? { employeeId: filter!.employeeId } : {}),
        ...(filter!.department ? { department: filter!.department } : {}),
        ...(filter!.cycle ? { cycle: filter!.cycle } : {}),
      };
    }
    const exported = await exportEvidence(ctx.app, subject);
    return Object.assign(new EvidenceBundleFile(), {
      fileName: exported.fileName,
      content: exported.bytes.toString('utf8'),
      sha256: exported.sha256,
      bytes: exported.bytes.length,
      interviews: exported.bundle.interviews.length,
      events: exported.bundle.events.length,
      checkpointSize: exported.bundle.checkpoint.size,
    });
  }
}
