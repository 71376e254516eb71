// Journeys of the media library and the campaign screens (branch console-library), called from
// console.e2e.mjs with its helpers: `t` = { page, BASE, journey, shot, expect, choose }.
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A real RGB PNG of width × height, a gradient seeded so that every run uploads new bytes. */
export function png(width, height, seed) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([(x * 255) / width, (y * 255) / height, seed % 256], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// "冬季" (winter) in GBK: the import must read a GBK file as well as a UTF-8 one.
const WINTER_GBK = Buffer.from([0xb6, 0xac, 0xbc, 0xbe]);

/** Visible form controls and buttons without an accessible name (a rough, label-only audit). */
export async function unlabelledControls(page) {
  return page.evaluate(() => {
    const named = (el) => {
      if (el.getAttribute('aria-label')?.trim() || el.getAttribute('title')?.trim()) return true;
      const by = el.getAttribute('aria-labelledby');
      if (by && by.split(/\s+/).some((id) => document.getElementById(id)?.textContent?.trim())) return true;
      if (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent?.trim()) return true;
      if (el.closest('label')?.textContent?.trim()) return true;
      if (['BUTTON', 'A'].includes(el.tagName) || el.getAttribute('role') === 'button') {
        return !!(el.textContent?.trim() || el.querySelector('img[alt]:not([alt=""])'));
      }
      return false;
    };
    const controls = document.querySelectorAll('input:not([type=hidden]):not([type=file]), select, textarea, button, [role=button], [role=combobox]');
    return [...controls]
      .filter((el) => el.getClientRects().length > 0 && !el.closest('[aria-hidden=true]'))
      .filter((el) => !named(el))
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].slice(0, 2).join('.')}`);
  });
}

const isoDay = (date) => date.toISOString().slice(0, 10);

export async function mediaLibraryJourneys({ page, BASE, journey, shot, expect }) {
  const stamp = Date.now();
  const imageName = `winter-${stamp.toString(36)}.png`;
  const image = png(320, 200, stamp);

  await journey('media: upload an image and see its thumbnail, facts and per-network checks', async () => {
    await page.goto(`${BASE}/w/demo/media`);
    await page.getByRole('heading', { name: /^素材库/ }).waitFor();
    await page.locator('.ant-upload input[type=file]').setInputFiles({ name: imageName, mimeType: 'image/png', buffer: image });
    const card = page.locator('[data-testid=media-card]', { hasText: imageName });
    await card.waitFor();
    const thumbnail = card.locator('img[data-testid=media-thumbnail]');
    await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await thumbnail.elementHandle());
    const facts = await card.locator('[data-testid=media-facts]').innerText();
    expect(facts.includes('PNG') && facts.includes('320 × 200'), `type and dimensions shown (was "${facts}")`);
    const check = card.locator('[data-testid=check-telegram]');
    await check.waitFor();
    expect((await check.getAttribute('aria-label')).length > 3, 'the Telegram check says what it found');
    expect((await unlabelledControls(page)).length === 0, `every control has a name: ${await unlabelledControls(page)}`);
    await shot(page, '18-media');
  });

  await journey('media: the same bytes again are shown as already in the library', async () => {
    await page.locator('.ant-upload input[type=file]').setInputFiles({ name: `copy-${imageName}`, mimeType: 'image/png', buffer: image });
    await page.locator('[data-testid=media-card]', { hasText: imageName }).locator('[data-testid=media-duplicate]').waitFor();
    expect((await page.locator('[data-testid=media-card]', { hasText: imageName }).count()) === 1, 'one asset for the two uploads');
  });

  await journey('media: a refused file shows the API problem detail', async () => {
    await page.locator('.ant-upload input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image at all\n'.repeat(20)) });
    const problem = page.locator('[data-testid=upload-problem]', { hasText: 'notes.txt' });
    await problem.waitFor();
    const text = await problem.innerText();
    expect(text.replace('notes.txt', '').trim().length > 15, `the refusal's detail is shown (was "${text}")`);
    await page.getByText('列表', { exact: true }).click();
    await page.locator('.ant-table-row', { hasText: imageName }).waitFor();
    await shot(page, '19-media-refused-list');
  });

  await journey('media: delete an asset', async () => {
    const spare = `spare-${stamp.toString(36)}.png`;
    await page.locator('.ant-upload input[type=file]').setInputFiles({ name: spare, mimeType: 'image/png', buffer: png(64, 64, stamp + 1) });
    const row = page.locator('.ant-table-row', { hasText: spare });
    await row.locator('[data-testid=media-delete]').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await row.waitFor({ state: 'detached' });
    const left = await (await page.request.get(`${BASE}/api/v1/workspaces/demo/media?limit=200`)).json();
    expect(!left.items.some((a) => a.fileName === spare) && left.items.some((a) => a.fileName === imageName), 'only the deleted asset is gone');
    await page.getByText('网格', { exact: true }).click();
  });
}

export async function campaignJourneys({ page, BASE, journey, shot, expect, choose }) {
  const stamp = Date.now().toString(36);
  const name = `Winter ${stamp}`;
  const now = new Date();
  const deadline = new Date(now.getTime() + 30 * 86_400_000);
  const at = (days) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, 9, 0, 0)).toISOString().replace('.000Z', 'Z');
  const channels = (await (await page.request.get(`${BASE}/api/v1/workspaces/demo/channels`)).json()).items;
  const telegram = channels.find((c) => c.network === 'telegram');
  expect(telegram, 'the demo workspace has a Telegram channel');

  await journey('campaigns: create one with a SMART goal, channels and tags', async () => {
    await page.goto(`${BASE}/w/demo/campaigns`);
    await page.getByRole('heading', { name: /^营销活动/ }).waitFor();
    await page.locator('[data-testid=campaign-new]').click();
    const dialog = page.locator('.ant-modal-content');
    await dialog.locator('#name').fill(name);
    await dialog.locator('#objective').fill('冬季新品上市，提高品牌触达');
    await choose(page, dialog.locator('.ant-form-item', { hasText: 'KPI' }).locator('.ant-select'), '触达人数');
    await dialog.locator('#targetValue').fill('10000');
    for (const [field, day] of [['#startsOn', now], ['#deadline', deadline]]) {
      await dialog.locator(field).click();
      await dialog.locator(field).fill(isoDay(day));
      await dialog.locator(field).press('Enter');
    }
    await choose(page, dialog.locator('.ant-form-item', { hasText: '渠道' }).locator('.ant-select'), telegram.displayName);
    await page.keyboard.press('Escape');
    await dialog.locator('#tags').fill('winter');
    await dialog.locator('#tags').press('Enter');
    await shot(page, '20-campaign-new');
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await dialog.waitFor({ state: 'detached' });
    const link = page.locator('[data-testid=campaign-link]', { hasText: name });
    await link.waitFor();
    await shot(page, '21-campaigns');
    await link.click();
    const goal = page.locator('[data-testid=campaign-goal]');
    await goal.waitFor();
    const text = await goal.innerText();
    expect(text.includes('10000') && text.includes(isoDay(deadline)) && text.includes('触达人数'), `the goal is shown (was "${text}")`);
  });

  await journey('campaigns: a CSV (GBK) with a broken row shows the error in the preview, a clean one imports', async () => {
    await page.locator('[data-testid=campaign-import]').click();
    const dialog = page.locator('.ant-modal-content', { hasText: 'CSV' });
    const gbk = Buffer.concat([
      Buffer.from('text,channels,scheduledAt,campaign\r\n'),
      WINTER_GBK, Buffer.from(` sale one,${telegram.id},${at(2)},${name}\r\n`),
      WINTER_GBK, Buffer.from(` sale two,no-such-channel,${at(3)},${name}\r\n`),
    ]);
    await dialog.locator('input[type=file]').setInputFiles({ name: 'winter-gbk.csv', mimeType: 'text/csv', buffer: gbk });
    const summary = dialog.locator('[data-testid=import-summary]');
    await summary.waitFor();
    const summaryText = await summary.innerText();
    expect(/GB/i.test(summaryText), `the file was read as GBK/GB18030 (was "${summaryText}")`);
    const rowError = dialog.locator('[data-testid=import-row-error]');
    await rowError.waitFor();
    expect((await rowError.count()) === 1, 'exactly the broken row has an error');
    expect((await dialog.locator('.ant-table-row', { hasText: '冬季 sale one' }).count()) === 1, 'the GBK text is shown decoded');
    expect(await dialog.locator('[data-testid=import-save]').isDisabled(), 'a file with errors cannot be imported');
    await shot(page, '22-import-preview-error');

    const utf8 = `text,channels,scheduledAt,campaign\r\n"冬季新品, 第一波",${telegram.id},${at(2)},${name}\r\n冬季新品 第二波,${telegram.id},${at(4)},${name}\r\n`;
    await dialog.locator('input[type=file]').setInputFiles({ name: 'winter-utf8.csv', mimeType: 'text/csv', buffer: Buffer.from(utf8, 'utf8') });
    await dialog.locator('[data-testid=import-summary]', { hasText: 'winter-utf8.csv' }).waitFor();
    expect((await dialog.locator('[data-testid=import-row-error]').count()) === 0, 'the clean file has no row error');
    await dialog.locator('[data-testid=import-save]').click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-testid=campaign-posts] .ant-list-item').nth(1).waitFor();
    await page.locator('[data-testid=campaign-day]').first().waitFor();
    expect((await page.locator('[data-testid=campaign-posts] .ant-list-item').count()) === 2, 'the campaign lists its two posts');
    expect((await unlabelledControls(page)).length === 0, `every control has a name: ${await unlabelledControls(page)}`);
    await shot(page, '23-campaign');
  });

  await journey('campaigns: CSV and iCalendar exports hold the campaign posts', async () => {
    const fetched = async (button) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid=${button}]`).click()]);
      return { file: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
    };
    const csv = await fetched('export-csv');
    expect(csv.file.endsWith('.csv'), `a .csv file (was ${csv.file})`);
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0].includes('scheduledAt') && lines[0].includes('campaign'), `the CSV header (was "${lines[0]}")`);
    expect(csv.text.includes('冬季新品, 第一波') && csv.text.includes(name) && lines.length === 3, `the CSV has the two posts of the campaign:\n${csv.text}`);
    const ics = await fetched('export-ics');
    expect(ics.file.endsWith('.ics'), `an .ics file (was ${ics.file})`);
    expect(ics.text.startsWith('BEGIN:VCALENDAR') && ics.text.trim().endsWith('END:VCALENDAR'), 'an iCalendar document');
    expect((ics.text.match(/BEGIN:VEVENT/g) ?? []).length === 2, `two events:\n${ics.text}`);
  });

  await journey('campaign and media screens at tablet width, keyboard to the upload area', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await shot(page, '24-campaign-tablet');
    await page.goto(`${BASE}/w/demo/media`);
    await page.locator('[data-testid=media-card]').first().waitFor();
    // The drop area is reachable with Tab and opens the file chooser with Enter like a button.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => !!document.activeElement?.closest('.ant-upload-drag'));
    }
    expect(reached, 'the upload area is reachable by keyboard');
    await shot(page, '25-media-tablet');
    await page.setViewportSize({ width: 1366, height: 860 });
  });
}
