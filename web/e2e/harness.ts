/**
 * The set-up every browser test shares: one demo server of its own (fresh data dir), one
 * headless Chromium, the guard that fails a test on any page error or console error (unless the
 * test says it expects one), screenshots named by area, demo or pasted-token sign-in, and the
 * API as a person (tokens minted with the server's own local key, as `npm run token` does).
 *
 *   const ui = consoleSuite('audit');
 *   ui.describe('the auditor pages', () => { it('…', async () => { const page = await ui.newPage(); … }); });
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { Role } from '../../src/domain/command';
import { PEOPLE, type PersonDoc } from '../../src/projections/person.projection';
import { startDemoServer, type DemoServer } from '../../test/support/demo-server';
import { findChromium, launchChromium, NO_CHROMIUM_LINE, SCREENSHOTS } from './chromium';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface ApiAnswer<T = Json> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown> }>;
}

export interface ConsoleSuite {
  /** `describe` when a Chromium was found, else `describe.skip` (after one SKIP line on stdout). */
  readonly describe: jest.Describe;
  readonly demo: DemoServer;
  readonly browser: BrowserContext;
  /** Console errors the current test provokes on purpose (e.g. a refused request's status): cleared after each test. */
  readonly expected: RegExp[];
  newPage(): Promise<Page>;
  /** A second, independent browser profile (another device): its pages are guarded too; closed with the suite. */
  newDevice(options?: { viewport?: { width: number; height: number } }): Promise<BrowserContext>;
  shot(page: Page, name: string): Promise<unknown>;
  /** The demo sign-in (one of the people the sign-in page offers). */
  signInAsDemo(page: Page, personId: string): Promise<void>;
  /** Pastes a token minted for anyone in the directory. */
  signInWithToken(page: Page, personId: string): Promise<void>;
  token(personId: string): Promise<string>;
  api<T = Json>(personId: string, query: string, variables?: Record<string, unknown>): Promise<ApiAnswer<T>>;
  /** The same, failing the test on any GraphQL error, answering data. */
  data<T = Json>(personId: string, query: string, variables?: Record<string, unknown>): Promise<T>;
}

export function consoleSuite(
  area: string,
  options: {
    env?: Record<string, string>;
    viewport?: { width: number; height: number };
    /** Runs after the server started, before the browser opens (e.g. bringing records to a step through the API). */
    prepare?: (suite: ConsoleSuite) => Promise<void>;
  } = {},
): ConsoleSuite {
  const chromiumPath = findChromium();
  if (!chromiumPath) process.stdout.write(`${NO_CHROMIUM_LINE}\n`);
  let demo: DemoServer | undefined;
  let browser: BrowserContext | undefined;
  const devices: BrowserContext[] = [];
  const errors: string[] = [];
  const expected: RegExp[] = [];
  const tokens = new Map<string, string>();

  const watch = (context: BrowserContext) =>
    context.on('page', (page) => {
      // A CSP refusal, a failed script or an uncaught error fails the test instead of passing silently.
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
    });

  const suite: ConsoleSuite = {
    describe: chromiumPath ? describe : describe.skip,
    get demo() {
      if (!demo) throw new Error('the demo server is not started yet (use it inside a test)');
      return demo;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not open yet (use it inside a test)');
      return browser;
    },
    expected,
    newPage: () => suite.browser.newPage(),
    async newDevice(deviceOptions = {}) {
      const context = await launchChromium(chromiumPath!, deviceOptions);
      watch(context);
      devices.push(context);
      return context;
    },
    shot: (page, name) => page.screenshot({ path: join(SCREENSHOTS, `${area}-${name}.png`), fullPage: true }),
    async signInAsDemo(page, personId) {
      await page.goto(`${suite.demo.base}/`);
      await page.getByTestId(`demo-person-${personId}`).getByRole('button').click();
      await page.getByTestId('viewer').waitFor();
    },
    async signInWithToken(page, personId) {
      await page.goto(`${suite.demo.base}/`);
      const form = page.getByTestId('token-sign-in');
      await form.locator('textarea').fill(await suite.token(personId));
      await form.locator('button[type="submit"]').click();
      await page.getByTestId('viewer').waitFor();
    },
    async token(personId) {
      if (!tokens.has(personId)) {
        const doc = await suite.demo.app.readModels.get<PersonDoc>(PEOPLE, personId);
        if (!doc) throw new Error(`no person ${personId}`);
        tokens.set(personId, suite.demo.app.localTokens!.mint({ id: personId, roles: doc.roles as Role[], name: doc.name }));
      }
      return tokens.get(personId)!;
    },
    async api(personId, query, variables = {}) {
      const response = await fetch(`${suite.demo.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await suite.token(personId)}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as ApiAnswer<never>;
    },
    async data(personId, query, variables = {}) {
      const answer = await suite.api(personId, query, variables);
      expect(answer.errors).toBeUndefined();
      return answer.data as never;
    },
  };

  if (chromiumPath) {
    beforeAll(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      demo = await startDemoServer(options.env ? { env: options.env } : {});
      expect(demo.server.console.built).toBe(true);
      await options.prepare?.(suite);
      browser = await launchChromium(chromiumPath, options.viewport ? { viewport: options.viewport } : {});
      watch(browser);
    }, 180_000);
    afterAll(async () => {
      for (const device of devices) await device.close();
      await browser?.close();
      await demo?.stop();
    });
    afterEach(() => {
      const unexpected = errors.filter((e) => !expected.some((pattern) => pattern.test(e)));
      errors.length = 0;
      expected.length = 0;
      expect(unexpected).toEqual([]);
    });
  }
  return suite;
}
