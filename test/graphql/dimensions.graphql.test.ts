import { openTestApp, testApollo } from '../support/test-app';

describe('performance dimensions through GraphQL', () => {
  it('shows each template version’s dimensions, and that both built-in versions are built in', async () => {
    const { app } = await openTestApp();
    const { server, as } = await testApollo(app);
    const query = `query ($v: Int) { template(id: "production-staff", version: $v) { version builtin dimensions { key label labelEn } } }`;
    const latest = await as('E1')<{ template: { version: number; builtin: boolean; dimensions: { key: string; label: string }[] } }>(
      query,
      {
        v: null,
      },
    );
    expect(latest.errors).toBeUndefined();
    expect(latest.data!.template.version).toBe(2);
    expect(latest.data!.template.builtin).toBe(true);
    expect(latest.data!.template.dimensions.map((d) => d.label)).toEqual(['产量', '质量', '安全', '设备与工艺', '协作']);
    const first = await as('E1')<{ template: { version: number; builtin: boolean; dimensions: unknown[] } }>(query, { v: 1 });
    expect(first.data!.template).toEqual({ version: 1, builtin: true, dimensions: [] });
    await server.stop();
    await app.close();
  });
});
