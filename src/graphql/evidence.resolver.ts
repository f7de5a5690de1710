import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { exportEvidenceFor } from '../application/queries/evidence';
import type { Viewer } from '../domain/access';
import type { Context } from './context';
import { CurrentViewer } from './viewer';
import { EvidenceBundleFile, EvidenceFilter } from './evidence.type';

@Resolver()
export class EvidenceResolver {
  @Authorized()
  @Mutation(() => EvidenceBundleFile, {
    description:
      'Exports an evidence bundle for one interview (its parties, HR, auditors, admins) or for every interview matching a filter (HR, auditors, admins). A mutation because it signs a fresh checkpoint.',
  })
  async exportEvidence(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('interviewId', () => ID, { nullable: true }) interviewId?: string,
    @Arg('filter', () => EvidenceFilter, { nullable: true }) filter?: EvidenceFilter,
  ): Promise<EvidenceBundleFile> {
    const exported = await exportEvidenceFor(ctx.app, viewer, { interviewId: interviewId ?? null, filter: filter ?? null }, (key) =>
      ctx.loaders.interview.load(key),
    );
    return Object.assign(new EvidenceBundleFile(), {
      fileName: exported.fileName,
      content: exported.bytes.toString('utf8'),
      sha256: exported.sha256,
      bytes: exported.bytes.length,
      interviews: exported.counts.interviews,
      events: exported.counts.events,
      checkpointSize: exported.counts.checkpointSize,
    });
  }
}
