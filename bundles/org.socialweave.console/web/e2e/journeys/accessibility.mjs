// Accessibility: axe-core's WCAG 2.1 A/AA rules (contrast, names, labels, roles) over every main
// screen, in Chinese and in English, after the other journeys have filled the demo workspace.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCREENS = ['compose', 'calendar', 'posts', 'approvals', 'channels', 'media', 'campaigns', 'users', 'tokens', 'audit', 'plugins'];
const RULES = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  // A calendar day cell (FullCalendar's gridcell) is named by its date and holds the day's posts;
  // the rule is meant for controls whose visible label text should be part of their name.
  rules: { 'label-content-name-mismatch': { enabled: false } },
};

/**
 * Until no transition or animation runs: axe would measure a fading-in text's contrast half-way,
 * and a click on a dialog still zooming in can be lost.
 */
export async function settled(page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity));
}

/** The violations axe finds on the page as it is now, one line each. */
async function violations(page) {
  // The console's CSP allows no inline script; the context bypasses it for this test code only.
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate((rules) => window.axe.run(document, rules), RULES);
  return result.violations.map((v) => `${v.impact} ${v.id} x${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} (${n.failureSummary?.replace(/\s+/g, ' ').slice(0, 200)})`).join(', ')}`);
}

export async function accessibilityJourneys({ BASE, CHROMIUM, USER, PASSWORD, results, journey, shot, expect }) {
  for (const locale of ['zh-CN', 'en-US']) {
    await journey(`accessibility (${locale}): no WCAG 2.1 AA violation found by axe on the login and main screens`, async () => {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', `--lang=${locale}`] });
      try {
        const page = await browser.newPage({ bypassCSP: true, locale, viewport: { width: 1366, height: 860 } });
        page.setDefaultTimeout(20_000);
        const found = {};
        await page.goto(`${BASE}/`);
        await page.getByLabel(/用户名|Username/).waitFor();
        await settled(page);
        found.login = await violations(page);
        await page.getByLabel(/用户名|Username/).fill(USER);
        await page.getByLabel(/密码|Password/).fill(PASSWORD);
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/w\//);
        for (const screen of SCREENS) {
          await page.goto(`${BASE}/w/demo/${screen}`);
          await page.locator('main').first().waitFor();
          // Until the screen's data arrived (a control enabled by it fades in) and no spinner is left.
          await page.waitForLoadState('networkidle');
          await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'));
          await settled(page);
          found[screen] = await violations(page);
        }
        await shot(page, `50-accessibility-${locale}`);
        (results.accessibility ??= {})[locale] = found;
        const failing = Object.entries(found).filter(([, list]) => list.length);
        expect(failing.length === 0, `no axe violations, found: ${failing.map(([screen, list]) => `${screen}: ${list.join('; ')}`).join(' | ')}`);
      } finally {
        await browser.close();
      }
    });
  }
}
