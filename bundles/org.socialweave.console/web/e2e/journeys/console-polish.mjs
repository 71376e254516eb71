// Journeys of the console's date pickers and compose preview (branch console-polish), called from
// console.e2e.mjs with its helpers: { page, BASE, journey, shot, expect }.
//  - every calendar of one language starts the week on the same day (antd's pickers, the campaign
//    calendar and FullCalendar);
//  - antd's date panel is no Tab stop of its own, in the schedule picker's popup and the campaign
//    calendar, and the picker still takes a date typed and confirmed by keyboard;
//  - the compose preview cuts an over-long master copy as the server does: the saved variant's text
//    is the preview's, and both warn.
import { apiAs, letters } from './console-approval.mjs';

const headerTexts = (page, selector) => page.locator(selector).evaluateAll((all) => all.map((e) => e.textContent.trim()));

/** What has the focus: its tag and classes, its data-date, and whether it is inside a picker popup. */
const focused = (page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    return { what: `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`, panel: e.classList.contains('ant-picker-panel'), date: e.dataset?.date, inPopup: !!e.closest('.ant-picker-dropdown'), label: e.getAttribute('aria-label') };
  });

/** A campaign of this month in the demo workspace, made through the API; its page's path. */
async function campaignOfThisMonth(page, BASE) {
  const admin = await apiAs(page, BASE);
  const channels = await admin.get('/workspaces/demo/channels');
  const now = new Date();
  const day = (d) => `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const made = await admin.send('POST', '/workspaces/demo/campaigns', {
    name: `键盘测试活动 ${letters()}`, objective: 'Tab order', kpi: 'REACH', targetValue: 1000, startsOn: day(1), deadline: day(28), channelIds: [channels.items[0].id], tags: [], status: 'PLANNED',
  });
  if (made.status() !== 201) throw new Error(`campaign: ${made.status()} ${await made.text()}`);
  return { path: `/w/demo/campaigns/${(await made.json()).id}`, firstDay: day(1) };
}

export async function consolePolishJourneys({ page, BASE, journey, shot, expect }) {
  const campaign = await campaignOfThisMonth(page, BASE);

  await journey('one first day of the week per language: the schedule picker, the campaign calendar and the calendar agree', async () => {
    for (const [language, button, first, fcFirst] of [['en', 'EN', 'Mo', 'Mon'], ['zh', '中文', '一', '周一']]) {
      await page.goto(`${BASE}/w/demo/compose`);
      await page.locator('[data-testid=language]').getByText(button).click();
      const picker = page.locator('.ant-picker-input input').first();
      await picker.click();
      const popup = page.locator('.ant-picker-dropdown:visible');
      await popup.waitFor();
      const inPicker = await headerTexts(page, '.ant-picker-dropdown:visible .ant-picker-date-panel thead th');
      expect(inPicker[0] === first, `${language}: the schedule picker's week starts on ${first} (${inPicker.join(' ')})`);
      await page.keyboard.press('Escape');

      await page.goto(`${BASE}${campaign.path}`);
      await page.locator('.sw-cal-day').first().waitFor();
      const inCampaign = await headerTexts(page, '.ant-picker-content thead th');
      expect(inCampaign[0] === first, `${language}: the campaign calendar's week starts on ${first} (${inCampaign.join(' ')})`);

      await page.goto(`${BASE}/w/demo/calendar`);
      await page.locator('.fc-col-header-cell').first().waitFor();
      const inCalendar = await headerTexts(page, '.fc-col-header-cell');
      expect(inCalendar[0] === fcFirst, `${language}: the calendar's week starts on ${fcFirst} (${inCalendar.join(' ')})`);
    }
  });

  await journey("Tab order: antd's date panel is no stop in the schedule picker's popup nor in the campaign calendar", async () => {
    await page.goto(`${BASE}/w/demo/compose`);
    const picker = page.getByLabel('日期和时间');
    await picker.click();
    const popup = page.locator('.ant-picker-dropdown:visible');
    await popup.waitFor();
    await popup.locator('td.ant-picker-cell-in-view:not(.ant-picker-cell-disabled)').last().click();
    // Backwards from OK through the popup: its controls, never the panel that wraps them.
    await popup.locator('.ant-picker-ok button').focus();
    const stops = [];
    for (let n = 0; n < 20; n++) {
      const here = await focused(page);
      if (!here.inPopup) break;
      stops.push(here);
      await page.keyboard.press('Shift+Tab');
    }
    expect(stops.length > 0 && stops.every((s) => !s.panel), `no Tab stop on the picker's panel (${stops.map((s) => s.what).join(' < ')})`);
    // By keyboard: a date typed into the field and Enter, twice (the second confirms the time), is the schedule.
    await picker.click();
    await page.keyboard.press('Control+A');
    const next = new Date(Date.now() + 3 * 86_400_000);
    const typed = `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-${String(next.getDate()).padStart(2, '0')} 09:30`;
    await page.keyboard.type(typed);
    await page.keyboard.press('Enter');
    expect((await picker.inputValue()) === typed, `the picker takes a date typed and Enter (${await picker.inputValue()})`);
    await page.keyboard.press('Escape');

    await page.goto(`${BASE}${campaign.path}`);
    await page.locator('.sw-cal-day').first().waitFor();
    await page.getByRole('button', { name: '下个月' }).focus();
    await page.keyboard.press('Tab');
    const first = await focused(page);
    expect(first.date === campaign.firstDay, `one Tab from the next-month button is the month's first day (${JSON.stringify(first)})`);
    await shot(page, '60-campaign-calendar-tab-order');
  });

  await journey('compose: an over-long master copy is cut in the preview as the server cuts it, with one warning', async () => {
    await page.goto(`${BASE}/w/demo/compose`);
    await page.locator('#post-text').waitFor();
    await page.locator('.ant-checkbox-group label').filter({ hasText: '长毛象' }).first().locator('input').check();
    // Saves wait until the preview has been read: it shows the console's own cut, not yet the server's.
    let release;
    const released = new Promise((resolve) => (release = resolve));
    const hold = async (route) => {
      if (route.request().method() !== 'GET') await released;
      await route.continue();
    };
    await page.route('**/api/v1/workspaces/demo/posts**', hold);
    // 600 graphemes and a link that Mastodon counts as 23: over its 500.
    const master = `截断测试 ${letters()} https://shop.example.com/winter/${'p'.repeat(40)} ${'冬季新品上市，'.repeat(85)}`;
    // The channel is checked on the text Mastodon gets, cut as the server cuts it.
    const mastodonCheck = page.waitForResponse((r) => {
      const body = r.request().method() === 'POST' && r.url().endsWith('/checks') ? r.request().postDataJSON() : null;
      return body?.network === 'mastodon' && String(body.text).endsWith('…');
    });
    await page.locator('#post-text').fill(master);
    await page.getByRole('tab', { name: /长毛象/ }).click();
    const checked = await (await mastodonCheck).json();
    expect(!checked.findings.some((f) => f.ruleId === 'platform.length'), `no length finding on the cut text (${checked.findings.map((f) => f.ruleId)})`);
    const preview = page.locator('[data-testid=preview-mastodon] .ant-card-body');
    await page.locator('[data-testid=cut-mastodon]').waitFor();
    const shown = (await preview.innerText()).trim();
    expect(shown.endsWith('…') && shown.length < master.length, `the preview is cut with an ellipsis (${shown.length} of ${master.length})`);
    const count = await page.locator('[data-testid=count-mastodon]').first().innerText();
    expect(/^\d+ \/ 500/.test(count) && Number(count.split(' ')[0]) <= 500, `the count is the cut text's (${count})`);
    release();
    await page.waitForURL(/\/w\/demo\/compose\/[^/]+$/);
    await page.locator('[data-testid=save-state]').filter({ hasText: '草稿已于' }).waitFor();
    await page.unroute('**/api/v1/workspaces/demo/posts**', hold);
    const admin = await apiAs(page, BASE);
    const saved = await admin.get(`/workspaces/demo/posts/${page.url().split('/').pop()}`);
    const variant = saved.variants.find((v) => v.network === 'mastodon');
    // The server put its short link in place of the text's link (both count 23 on Mastodon).
    const expected = Object.entries(variant.shortLinks ?? {}).reduce((text, [long, short]) => text.replace(long, short), shown);
    expect(variant.text === expected, `the server's variant is the preview's text (server ${JSON.stringify(variant.text)}, preview ${JSON.stringify(expected)})`);
    expect(variant.warnings.some((w) => w.startsWith('The master copy was cut')), `the server warns of the cut (${variant.warnings})`);
    // Saved: the preview's warning in Chinese, the server's same words in English not again.
    await page.locator('[data-testid=cut-mastodon]').waitFor();
    expect((await page.getByText('The master copy was cut').count()) === 0, 'the cut is not announced twice');
    expect(
      (await page.locator('[data-testid=findings-mastodon] [data-rule="platform.length"]').count()) === 0,
      'the Mastodon tab has no length finding for a text the server cuts to fit',
    );
    await shot(page, '61-compose-master-cut');
  });
}
