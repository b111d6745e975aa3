import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** Debian's Chromium (no browser downloads here); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const SKIP_REASON = `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`;

/** Where browser suites save their screenshots. */
export const RESULTS = join(fileURLToPath(new URL('../../', import.meta.url)), 'test-results');

// Each wait gets less than its test, so a stuck wait fails with its own message rather than
// the test's timeout. Software WebGL on a shared two-core machine can be slow.
export const WAIT = 45_000;
export const TIMEOUT = 150_000;

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
