/**
 * A cursor connection (`interviews(first, after)`) read page by page: the first page through
 * urql's useQuery (so the page refetches it on live updates like any other query), the next
 * pages on demand ("load more") with `after` = the last page's end cursor. When the first page is
 * fetched again (a live update, a retry), the pages shown beyond it are fetched again too, so
 * the list never mixes old and new answers; when the variables change, it starts over.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useClient, useQuery, type CombinedError } from 'urql';

export interface Connection<Node> {
  readonly totalCount: number;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null };
  readonly edges: ReadonlyArray<{ readonly node: Node }>;
}

export interface Paged<Node> {
  readonly nodes: readonly Node[];
  readonly total: number;
  readonly hasMore: boolean;
  /** The first page has not answered yet. */
  readonly loading: boolean;
  /** A next page is on its way. */
  readonly loadingMore: boolean;
  readonly error?: CombinedError;
  loadMore(): void;
  refetch(): void;
}

export function usePagedQuery<Data, Vars extends { first: number; after?: string | null }, Node>(
  query: TypedDocumentNode<Data, Vars>,
  variables: Omit<Vars, 'first' | 'after'>,
  connection: (data: Data) => Connection<Node>,
  options: { readonly pageSize: number; readonly pause?: boolean },
): Paged<Node> {
  const client = useClient();
  const key = JSON.stringify(variables);
  const firstVars = useMemo(() => ({ ...variables, first: options.pageSize }) as Vars, [key, options.pageSize]);
  const [first, reexecute] = useQuery({ query, variables: firstVars, pause: options.pause });
  const [more, setMore] = useState<{ key: string; pages: Array<Connection<Node>> }>({ key, pages: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<CombinedError | undefined>();
  const generation = useRef(0);

  const firstPage = first.data ? connection(first.data) : undefined;
  const pages = more.key === key ? more.pages : [];

  /** Fetches `count` pages after `cursor`, one after another; the answer is dropped when the list started over meanwhile. */
  const fetchPages = useCallback(
    async (cursor: string | null | undefined, count: number, keep: Array<Connection<Node>>) => {
      const mine = ++generation.current;
      setLoadingMore(true);
      setMoreError(undefined);
      const fetched = [...keep];
      try {
        for (let i = 0; i < count && cursor; i++) {
          const answer = await client.query(query, { ...firstVars, after: cursor } as Vars, { requestPolicy: 'network-only' }).toPromise();
          if (mine !== generation.current) return;
          if (answer.error || !answer.data) {
            setMoreError(answer.error);
            break;
          }
          const page = connection(answer.data);
          fetched.push(page);
          cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        }
        setMore({ key, pages: fetched });
      } finally {
        if (mine === generation.current) setLoadingMore(false);
      }
    },
    [client, query, firstVars, key],
  );

  // The first page answered again (live update, retry): the pages beyond it are fetched again.
  const shownBeyond = useRef(0);
  shownBeyond.current = pages.length;
  useEffect(() => {
    if (!firstPage) return;
    const count = shownBeyond.current;
    if (count === 0) return;
    void fetchPages(firstPage.pageInfo.hasNextPage ? firstPage.pageInfo.endCursor : null, count, []);
  }, [first.data]);

  const last = pages.length > 0 ? pages[pages.length - 1] : firstPage;
  const nodes = useMemo(() => [...(firstPage?.edges ?? []), ...pages.flatMap((p) => p.edges)].map((e) => e.node), [firstPage, pages]);
  // Stable across renders: pages call refetch from effects (live updates) and must not loop.
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const latest = useRef({ last, pages, loadingMore });
  latest.current = { last, pages, loadingMore };
  const loadMore = useCallback(() => {
    const { last: end, pages: shown, loadingMore: busy } = latest.current;
    if (!end?.pageInfo.hasNextPage || busy) return;
    void fetchPages(end.pageInfo.endCursor, 1, shown);
  }, [fetchPages]);
  return {
    nodes,
    total: last?.totalCount ?? 0,
    hasMore: Boolean(last?.pageInfo.hasNextPage && last.pageInfo.endCursor),
    loading: first.fetching && !first.data,
    loadingMore,
    error: first.error ?? moreError,
    loadMore,
    refetch,
  };
}
