// The calendar with a month of 1,000 posts: the month view's render time goes into results.json
// (bench/console); each day draws its first posts and one summary that opens the day view by click
// and by keyboard; a post drags to another day; the calendar and the campaign calendar speak the
// console's language; the campaign calendar's days are reached and picked by keyboard.
import { apiAs, letters } from './console-approval.mjs';

const CALENDAR_POSTS = 1000;
const WORKSPACE = 'calendar-1000';
const CAMPAIGN = '日历压力测试活动';
/** Every tenth post belongs to the campaign, so its small calendar has days with posts. */
const IN_CAMPAIGN = (i) => i % 10 === 0;

const isoDay = (year, month0, day) => `${year}-${String(month0 + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** Waits for the page's figure of a render of `posts` posts in `view` (CalendarPage, window.__swCalendarRender). */
async function renderFigure(page, posts, view) {
  const figure = await page.waitForFunction(
    ([n, v]) => (window.__swCalendarRender?.posts === n && window.__swCalendarRender?.view === v ? window.__swCalendarRender : null),
    [posts, view],
    { timeout: 60_000 },
  );
  return figure.jsonValue();
}

const headerTexts = (page, selector) => page.locator(selector).evaluateAll((all) => all.map((e) => e.textContent.trim()));

export async function calendarJourneys({ BASE, SANDBOX_BOT, results, page, journey, shot, expect }) {
  const admin = await apiAs(page, BASE);
  const now = new Date();
  const year = now.getMonth() === 11 ? now.getFullYear() + 1 : now.getFullYear();
  const month = (now.getMonth() + 1) % 12; // next month, 0-based
  const days = new Date(year, month + 1, 0).getDate();
  // Posts per day of the month, as the import below spreads them (browser and workspace both in Asia/Shanghai).
  const perDay = (day) => Math.floor(CALENDAR_POSTS / days) + (day <= CALENDAR_POSTS % days ? 1 : 0);
  const probeDay = 15;

  await journey('calendar: a month view with 1,000 posts (render time recorded for bench/console)', async () => {
    const made = await admin.send('POST', '/workspaces', { slug: WORKSPACE, name: '日历压力测试', timeZone: 'Asia/Shanghai' });
    expect(made.status() === 201, `workspace created (${made.status()})`);
    const channel = await admin.send('POST', `/workspaces/${WORKSPACE}/channels`, { network: 'telegram', fields: SANDBOX_BOT });
    expect(channel.status() === 201, `channel connected (${channel.status()})`);
    const channelId = (await channel.json()).id;
    const campaign = await admin.send('POST', `/workspaces/${WORKSPACE}/campaigns`, {
      name: CAMPAIGN, objective: '一个月 1,000 条帖子', kpi: 'REACH', targetValue: 100000, startsOn: isoDay(year, month, 1), deadline: isoDay(year, month, days), channelIds: [channelId], tags: [], status: 'PLANNED',
    });
    expect(campaign.status() === 201, `campaign created (${campaign.status()} ${await campaign.text()})`);
    const rows = ['text,channels,localTime,timeZone,campaign'];
    for (let i = 0; i < CALENDAR_POSTS; i++) {
      const hour = String(8 + (i % 12)).padStart(2, '0');
      const minute = String((i * 7) % 60).padStart(2, '0');
      rows.push(`日历压力测试 帖子 ${letters()},${channelId},${isoDay(year, month, 1 + (i % days))}T${hour}:${minute},Asia/Shanghai,${IN_CAMPAIGN(i) ? CAMPAIGN : ''}`);
    }
    const imported = await admin.send('POST', `/workspaces/${WORKSPACE}/posts/imports?dryRun=false`, rows.join('\n'), { 'Content-Type': 'text/csv; charset=utf-8' });
    expect(imported.ok(), `1,000 posts imported (${imported.status()} ${(await imported.text()).slice(0, 300)})`);

    await page.goto(`${BASE}/w/${WORKSPACE}/calendar`);
    await page.locator('.fc-daygrid-day').first().waitFor();
    const samples = [];
    let figure;
    for (let run = 0; run < 3; run++) {
      // Away to this month and back to next month: each time the month's posts load and render anew.
      if (run > 0) await page.locator('.fc-prev-button').click();
      await page.evaluate(() => delete window.__swCalendarRender);
      await page.locator('.fc-next-button').click();
      figure = await renderFigure(page, CALENDAR_POSTS, 'dayGridMonth');
      samples.push(Math.round(figure.ms));
    }
    const sorted = [...samples].sort((a, b) => a - b);
    results.calendar1000 = { posts: CALENDAR_POSTS, events: figure.events, renderMs: samples, medianMs: sorted[1], targetMs: 300, underTarget: sorted[1] < 300 };
    console.log(`     calendar month view with ${CALENDAR_POSTS} posts as ${figure.events} events: ${samples.join(', ')} ms (median ${sorted[1]} ms, target < 300 ms)`);
    await shot(page, '30-calendar-1000');

    // Each day: its first 3 posts and one summary of the rest, which add up to the month's posts.
    const summaries = page.locator('[data-testid=calendar-more]');
    expect((await summaries.count()) === days, `one summary per day (${await summaries.count()} for ${days} days)`);
    const cells = await page.locator('.fc-daygrid-day:not(.fc-day-other)').evaluateAll((all) =>
      all.map((cell) => ({ events: cell.querySelectorAll('.fc-daygrid-event').length, more: cell.querySelector('[data-testid=calendar-more]')?.textContent ?? '' })),
    );
    const hidden = cells.reduce((n, c) => n + Number(/还有 (\d+) 条/.exec(c.more)?.[1] ?? 0), 0);
    expect(cells.every((c) => c.events <= 4), `at most 3 posts and a summary per day (${cells.map((c) => c.events).join(' ')})`);
    expect(hidden + 3 * days === CALENDAR_POSTS, `the summaries count the posts not drawn (${hidden} + 3 x ${days})`);
  });

  await journey('calendar: a day summary opens the day view with every post of the day, by click and by Enter', async () => {
    const day = isoDay(year, month, probeDay);
    const summary = page.locator(`[data-testid=calendar-more][data-day="${day}"]`);
    expect(/还有 \d+ 条/.test(await summary.getAttribute('aria-label')), 'the summary says what it holds to a screen reader');
    await page.evaluate(() => delete window.__swCalendarRender);
    await summary.click();
    await page.locator('.fc-timeGridDay-view').waitFor();
    await renderFigure(page, perDay(probeDay), 'timeGridDay');
    const shown = await page.locator('.fc-timegrid-event').count();
    expect(shown === perDay(probeDay), `the day view shows every post of the day (${shown} of ${perDay(probeDay)})`);
    await shot(page, '31-calendar-day');

    // Back to the month; Tab from the day's last drawn post reaches its summary, Enter opens the day.
    await page.locator('.fc-dayGridMonth-button').click();
    await renderFigure(page, CALENDAR_POSTS, 'dayGridMonth');
    await page.locator(`.fc-daygrid-day[data-date="${day}"] a.fc-daygrid-event:not([data-testid=calendar-more])`).last().focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { testid: el.dataset.testid, day: el.dataset.day, outline: `${style.outlineStyle} ${style.outlineWidth}` };
    });
    expect(focused.testid === 'calendar-more' && focused.day === day, `Tab reaches the day's summary (${JSON.stringify(focused)})`);
    expect(focused.outline.startsWith('solid') && focused.outline !== 'solid 0px', `the focused summary shows a focus ring (${focused.outline})`);
    await shot(page, '32-calendar-summary-focused');
    await page.keyboard.press('Enter');
    await page.locator('.fc-timeGridDay-view').waitFor();
    await renderFigure(page, perDay(probeDay), 'timeGridDay');
    expect((await page.locator('.fc-timegrid-event').count()) === perDay(probeDay), 'Enter opened the same day');
  });

  await journey('calendar: a post drags to another day of the month view, is rescheduled, and the summaries count again', async () => {
    const from = isoDay(year, month, 20);
    const to = isoDay(year, month, 21);
    await page.goto(`${BASE}/w/${WORKSPACE}/calendar`);
    await page.locator('.fc-daygrid-day').first().waitFor();
    await page.evaluate(() => delete window.__swCalendarRender);
    await page.locator('.fc-next-button').click();
    await renderFigure(page, CALENDAR_POSTS, 'dayGridMonth');
    const hiddenOn = async (day) => Number(/还有 (\d+) 条/.exec(await page.locator(`[data-testid=calendar-more][data-day="${day}"]`).innerText())?.[1]);
    const before = { from: await hiddenOn(from), to: await hiddenOn(to) };
    const source = page.locator(`.fc-daygrid-day[data-date="${from}"] a.fc-daygrid-event[data-post-id]`).first();
    const postId = await source.getAttribute('data-post-id');
    const a = await source.boundingBox();
    const b = await page.locator(`.fc-daygrid-day[data-date="${to}"] .fc-daygrid-day-frame`).boundingBox();
    await page.evaluate(() => delete window.__swCalendarRender);
    // FullCalendar's drag starts after a few pixels of movement with the button down.
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 8, a.y + a.height / 2 + 8, { steps: 4 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await page.mouse.up();
    await page.locator('.ant-message-notice', { hasText: '已改期到' }).waitFor();
    const moved = await admin.get(`/workspaces/${WORKSPACE}/posts/${postId}`);
    const at = new Date(moved.scheduledAt);
    expect(isoDay(at.getFullYear(), at.getMonth(), at.getDate()) === to, `the post is rescheduled to ${to} (${moved.scheduledAt})`);
    // The month's posts load again after the drop and the two days' summaries count anew.
    await renderFigure(page, CALENDAR_POSTS, 'dayGridMonth');
    await page.waitForFunction(
      ([day, n]) => document.querySelector(`[data-testid=calendar-more][data-day="${day}"]`)?.textContent?.includes(`还有 ${n} 条`),
      [from, before.from - 1],
    );
    expect((await hiddenOn(to)) === before.to + 1, `the target day counts one more (${before.to} -> ${await hiddenOn(to)})`);
    await shot(page, '35-calendar-dragged');
  });

  await journey('calendar and campaign calendar follow the console language: weekday headers in Chinese and English', async () => {
    await page.locator('.fc-dayGridMonth-button').click();
    await renderFigure(page, CALENDAR_POSTS, 'dayGridMonth');
    const zhMonth = await headerTexts(page, '.fc-col-header-cell');
    expect(zhMonth[0] === '周一' && zhMonth[6] === '周日', `the calendar's weekdays in Chinese, Monday first (${zhMonth.join(' ')})`);
    expect(/年/.test(await page.locator('.fc-toolbar-title').innerText()), 'the month title in Chinese');

    const campaigns = await admin.get(`/workspaces/${WORKSPACE}/campaigns`);
    const campaign = campaigns.items.find((c) => c.name === CAMPAIGN);
    await page.goto(`${BASE}/w/${WORKSPACE}/campaigns/${campaign.id}`);
    await page.locator('[data-testid=campaign-day]').first().waitFor();
    const zhSmall = await headerTexts(page, '.ant-picker-content thead th');
    expect(zhSmall.join('') === '一二三四五六日', `the campaign calendar's weekdays in Chinese, Monday first (${zhSmall.join(' ')})`);
    await shot(page, '33-campaign-calendar-zh');

    await page.locator('[data-testid=language]').getByText('EN').click();
    await page.locator('.ant-picker-content thead th', { hasText: /^Mo$/ }).waitFor();
    const enSmall = await headerTexts(page, '.ant-picker-content thead th');
    expect(enSmall.includes('Mo') && enSmall.includes('Su'), `the campaign calendar's weekdays in English (${enSmall.join(' ')})`);
    await page.goto(`${BASE}/w/${WORKSPACE}/calendar`);
    await page.locator('.fc-col-header-cell').first().waitFor();
    const enMonth = await headerTexts(page, '.fc-col-header-cell');
    expect(enMonth[0] === 'Mon', `the calendar's weekdays in English (${enMonth.join(' ')})`);
    await page.locator('[data-testid=language]').getByText('中文').click();
    await page.locator('.fc-col-header-cell', { hasText: '周一' }).waitFor();
  });

  await journey('campaign calendar by keyboard: its days are tab stops, arrows move, Enter and Space pick a day', async () => {
    const campaigns = await admin.get(`/workspaces/${WORKSPACE}/campaigns`);
    await page.goto(`${BASE}/w/${WORKSPACE}/campaigns/${campaigns.items.find((c) => c.name === CAMPAIGN).id}`);
    await page.locator('[data-testid=campaign-day]').first().waitFor();
    // Tab from the next-month button reaches the first day of the month shown (antd's panel is no stop: PanelFocus.tsx).
    await page.getByRole('button', { name: '下个月' }).focus();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.dataset?.date);
    expect(first === isoDay(year, month, 1), `Tab reaches the month's first day (${first})`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const moved = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { date: el.dataset.date, outline: `${style.outlineStyle} ${style.outlineWidth}` };
    });
    const picked = isoDay(year, month, 9);
    expect(moved.date === picked, `ArrowDown and ArrowRight move a week and a day (${moved.date})`);
    expect(moved.outline.startsWith('solid') && moved.outline !== 'solid 0px', `the focused day shows a focus ring (${moved.outline})`);
    await page.keyboard.press('Enter');
    await page.locator(`[data-date="${picked}"][aria-pressed=true]`).waitFor();
    const listed = await page.locator('[data-testid=campaign-posts] .ant-list-item').count();
    const expected = Array.from({ length: CALENDAR_POSTS }, (_, i) => i).filter((i) => IN_CAMPAIGN(i) && 1 + (i % days) === 9).length;
    expect(listed === expected, `Enter shows the posts of the day (${listed} of ${expected})`);
    await shot(page, '34-campaign-day-by-keyboard');
    await page.keyboard.press(' ');
    await page.locator(`[data-date="${picked}"][aria-pressed=false]`).waitFor();
  });
}
