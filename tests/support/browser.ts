import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { startTestServer, type TestServer, type TestServerOptions } from './test-server.ts';

/** Debian's Chromium (no browser downloads here); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const SKIP_REASON = `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`;

/** Where browser suites save their screenshots. */
export const RESULTS = join(fileURLToPath(new URL('../../', import.meta.url)), 'test-results');

/** The client the test server serves (TEST_CLIENT_DIR lets a work tree build its own). */
export const CLIENT_DIR =
  process.env.TEST_CLIENT_DIR ?? fileURLToPath(new URL('../../dist/client/', import.meta.url));

// Each wait gets less than its test, so a stuck wait fails with its own message rather than
// the test's timeout. Software WebGL on a shared two-core machine can be slow.
export const WAIT = 45_000;
export const TIMEOUT = 150_000;
/** Starting Chromium, or the app on a freshly loaded database, on a busy machine. */
const SETUP_TIMEOUT = 180_000;

/**
 * Software WebGL2 through Mesa llvmpipe (see ENVIRONMENT.md): --disable-gpu would fall back to
 * the much slower SwiftShader; the networking flags keep Chromium off the closed network.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=gl-egl',
  '--ignore-gpu-blocklist',
];

/** A suite's name, saying why when it cannot run here (the test runner reports it too). */
export function browserSuite(name: string, file: string): string {
  if (HAS_CHROMIUM) return name;
  console.warn(`tests/browser/${file}: skipped, ${SKIP_REASON}`);
  return `${name} (skipped: ${SKIP_REASON})`;
}

/** The number in an element, read the way a user reads it (digits only). */
export async function numberOf(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).first().textContent()) ?? '';
  const digits = text.replace(/\D/g, '');
  if (digits === '') throw new Error(`${testId} shows no number: "${text}"`);
  return Number(digits);
}

/**
 * The test server of the suite (the `describe` this is called in): started before its tests,
 * closed after them. The object reads through to the running server, so the suite can hold it
 * from the start.
 */
export function useTestServer(
  options: TestServerOptions = {},
  /** The database to serve (default: the seeded test database). */
  openDb?: () => Promise<Db>,
): TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(options, openDb);
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await server?.close();
  });
  const running = (): TestServer => {
    if (!server) throw new Error('the test server is not running (read it inside a test)');
    return server;
  };
  return {
    get url() {
      return running().url;
    },
    get db() {
      return running().db;
    },
    setDatabaseDown: (down) => running().setDatabaseDown(down),
    close: () => running().close(),
  };
}

/** What a test may set of its browser context (a phone: `hasTouch` and `isMobile`). */
export type ContextOptions = Pick<
  BrowserContextOptions,
  'viewport' | 'locale' | 'timezoneId' | 'acceptDownloads' | 'hasTouch' | 'isMobile'
>;

/** The browser of a suite, and the context and pages of the test that is running. */
export interface BrowserSession {
  /** Errors thrown in the running test's pages (emptied before each test). */
  readonly pageErrors: string[];
  /**
   * The running test's context: made on first use, closed after the test, so no cookie or
   * storage passes from one test to the next. `options` apply when it is made.
   */
  context(options?: ContextOptions): Promise<BrowserContext>;
  /** A blank page in the running test's context, whose errors go to `pageErrors`. */
  newPage(options?: ContextOptions): Promise<Page>;
  /** A page at `path` (on the suite's server; an absolute URL as it is). */
  open(path: string, options?: ContextOptions): Promise<Page>;
  /** Closes the running test's context, so that the next page gets a new one. */
  closeContext(): Promise<void>;
}

/**
 * Chromium for the suite (the `describe` this is called in): launched once before its tests,
 * a fresh context for each test with the suite's `context` options (1280x800, zh-CN unless
 * said), closed after the test. `server` is what `open` resolves paths against.
 */
export function useBrowser(
  setup: { server?: TestServer; context?: ContextOptions } = {},
): BrowserSession {
  const defaults: ContextOptions = {
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    ...setup.context,
  };
  let browser: Browser | undefined;
  let current: BrowserContext | undefined;
  /** The options `current` was made with. */
  let made = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(CLIENT_DIR, 'index.html'))) {
      throw new Error(`${CLIENT_DIR} has no built client: build it first (npx vite build)`);
    }
    mkdirSync(RESULTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await closeContext();
    pageErrors.length = 0;
  });

  async function closeContext(): Promise<void> {
    const closing = current;
    current = undefined;
    await closing?.close();
  }

  async function context(options?: ContextOptions): Promise<BrowserContext> {
    const wanted = { ...defaults, ...options };
    if (current) {
      if (options && JSON.stringify(wanted) !== made) {
        throw new Error('the test has a context with other options: closeContext() first');
      }
      return current;
    }
    if (!browser) throw new Error('Chromium is not running (ask for a context inside a test)');
    current = await browser.newContext(wanted);
    made = JSON.stringify(wanted);
    return current;
  }

  async function newPage(options?: ContextOptions): Promise<Page> {
    const page = await (await context(options)).newPage();
    page.on('pageerror', (error) => {
      console.error('page error:', error.message);
      pageErrors.push(error.message);
    });
    return page;
  }

  async function open(path: string, options?: ContextOptions): Promise<Page> {
    const page = await newPage(options);
    const base = /^https?:/.test(path) ? '' : (setup.server?.url ?? '');
    await page.goto(base + path);
    return page;
  }

  return { pageErrors, context, newPage, open, closeContext };
}

/** Logs a user in through the API from a page or context (its cookies then carry the session). */
export async function logIn(
  from: Page | BrowserContext,
  server: Pick<TestServer, 'url'>,
  user: { username: string; password: string },
): Promise<void> {
  const login = await from.request.post(`${server.url}/api/auth/login`, {
    data: { username: user.username, password: user.password },
  });
  expect(login.status()).toBe(200);
}
