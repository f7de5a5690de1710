import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Client, makeResult, Provider, type Exchange, type Operation } from 'urql';
import { filter, map, merge, pipe, share } from 'wonka';
import { describe, expect, it } from 'vitest';
import type { TeamInterviewsQuery, TeamInterviewsQueryVariables } from '../gql/graphql';
import { TeamInterviewsDocument } from '../team/documents';
import { I18nProvider } from '../i18n';
import { LoadMore } from './LoadMore';
import { usePagedQuery, type Connection, type Paged } from './usePagedQuery';

/** A server of `total` interviews answering pages by cursor (the cursor is the index of the next one); `version` changes the names. */
function fakeServer(total: number) {
  const state = { version: 1, requests: [] as Array<{ first: number; after: string | null }> };
  const answer = (op: Operation) => {
    const { first, after } = op.variables as { first: number; after?: string | null };
    state.requests.push({ first, after: after ?? null });
    const start = after ? Number(after) : 0;
    const ids = Array.from({ length: Math.max(0, Math.min(first, total - start)) }, (_, i) => start + i);
    return {
      interviews: {
        totalCount: total,
        pageInfo: { hasNextPage: start + ids.length < total, endCursor: ids.length ? String(start + ids.length) : null },
        edges: ids.map((i) => ({ node: { id: `IV-${i}`, name: `v${state.version}` } })),
      },
    };
  };
  const exchange: Exchange = () => (ops$) => {
    const shared = pipe(ops$, share);
    return merge([
      pipe(
        shared,
        filter((op) => op.kind === 'query'),
        map((op) => makeResult(op, { data: answer(op) })),
      ),
    ]);
  };
  const client = new Client({ url: 'http://test.invalid/graphql', exchanges: [exchange] });
  return { state, client };
}

type Node = { id: string; name: string };
let latest: Paged<Node> | undefined;

function List() {
  const paged = usePagedQuery<TeamInterviewsQuery, TeamInterviewsQueryVariables, Node>(
    TeamInterviewsDocument,
    { filter: { managerId: 'M1' } },
    (data) =>
      data.interviews as unknown as Parameters<typeof Object>[0] & {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor?: string | null };
        edges: Array<{ node: Node }>;
      },
    { pageSize: 3 },
  );
  latest = paged;
  return (
    <div>
      <ul>
        {paged.nodes.map((n) => (
          <li key={n.id} data-testid="row">
            {n.id} {n.name}
          </li>
        ))}
      </ul>
      <LoadMore paged={paged} />
    </div>
  );
}

describe('usePagedQuery and <LoadMore>', () => {
  it('loads the next page by cursor, says how many are shown, and stops at the end', async () => {
    const { state, client } = fakeServer(7);
    render(
      <I18nProvider initial="zh-CN">
        <Provider value={client}>
          <List />
        </Provider>
      </I18nProvider>,
    );
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(3));
    expect(screen.getByText('已显示 3 条，共 7 条')).toBeTruthy();
    // Stable across renders: pages refetch from effects on live updates, which must not loop.
    const { refetch, loadMore } = latest!;
    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(6));
    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(7));
    expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull();
    expect([latest!.refetch, latest!.loadMore]).toEqual([refetch, loadMore]);
    expect(latest!.refetch).toBe(refetch);
    expect(screen.getAllByTestId('row').map((r) => r.textContent)).toEqual(Array.from({ length: 7 }, (_, i) => `IV-${i} v1`));
    // (urql may send the first page's query twice on mount, with no cache exchange here.)
    expect(state.requests.filter((r) => r.after !== null)).toEqual([
      { first: 3, after: '3' },
      { first: 3, after: '6' },
    ]);
    expect(state.requests.every((r) => r.first === 3)).toBe(true);
  });

  it('fetches the pages shown beyond the first again when the first is refetched (a live update)', async () => {
    const { state, client } = fakeServer(7);
    render(
      <I18nProvider initial="en">
        <Provider value={client}>
          <List />
        </Provider>
      </I18nProvider>,
    );
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(3));
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(6));
    state.version = 2;
    state.requests.length = 0;
    act(() => latest!.refetch());
    await waitFor(() => expect(screen.getAllByTestId('row').map((r) => r.textContent?.endsWith('v2'))).toEqual(Array(6).fill(true)));
    expect(state.requests.filter((r) => r.after !== null)).toEqual([{ first: 3, after: '3' }]);
    expect(state.requests.some((r) => r.after === null)).toBe(true);
    expect(screen.getByText('Showing 6 of 7')).toBeTruthy();
  });
});
