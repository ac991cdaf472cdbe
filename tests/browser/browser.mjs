// Debian's Chromium driven by playwright-core (never a downloaded browser).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export async function launch() {
  return chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'sp-chromium-')), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1200, height: 900 },
  });
}

/** A new page that fails the test on any console error or uncaught exception. */
export async function openPage(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(url);
  page.problems = problems;
  return page;
}

export function shot(page, name) {
  return page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
