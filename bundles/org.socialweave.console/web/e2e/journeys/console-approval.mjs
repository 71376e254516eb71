// The marketing team's milestone journey: an admin turns approval on, an author composes for two
// networks with a blocked term, sees it marked and fixes it in one click, submits; another person
// approves in a second browser with a comment on a span; the author publishes, retries the channel
// the sandbox refused and finds both links on the calendar. (The calendar's 1,000-post month is in
// console-calendar.mjs.)
//
// Needs SW_APPROVAL_WORKSPACE: a workspace whose Mastodon channel is on a sandbox that refuses the
// first post (ConsoleIT makes it). Everything else is set up here through /api/v1 only.
import { chromium } from 'playwright-core';

const APPROVER_PASSWORD = 'a-long-password-1';

/** A suffix without digit runs: the privacy check rightly blocks long ones as card numbers. */
export const letters = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

export async function apiAs(page, BASE) {
  const session = await (await page.request.get(`${BASE}/api/v1/session`)).json();
  const headers = { 'X-CSRF-Token': session.csrfToken };
  return {
    get: async (path) => (await page.request.get(`${BASE}/api/v1${path}`)).json(),
    send: (method, path, data, extra = {}) => page.request.fetch(`${BASE}/api/v1${path}`, { method, headers: { ...headers, ...extra }, data, timeout: 180_000 }),
  };
}

/**
 * Waits until the channel's delivery shows `text`, clicking the screen's reload button between
 * looks (the pipeline works in the background). The predicate is synchronous: waitForFunction takes
 * a returned promise as a truthy answer and would not wait at all.
 */
async function awaitVariant(page, network, text, timeout = 45_000) {
  await page.waitForFunction(
    ([n, wanted]) => {
      const shown = !!document.querySelector(`[data-testid=variant-${n}]`)?.textContent?.includes(wanted);
      if (!shown) document.querySelectorAll('button').forEach((b) => b.textContent.replace(/\s/g, '') === '刷新' && b.click());
      return shown;
    },
    [network, text],
    { timeout, polling: 1000 },
  );
}

export async function approvalJourneys({ BASE, CHROMIUM, SANDBOX_BOT, results, page, journey, shot, expect }) {
  const ws = process.env.SW_APPROVAL_WORKSPACE;
  expect(!!ws, 'SW_APPROVAL_WORKSPACE names the workspace with the refusing Mastodon channel (ConsoleIT sets it)');
  const admin = await apiAs(page, BASE);
  const approverName = `approver-${letters()}`;
  const suffix = letters();
  let postId;

  await journey('approval setup through the API: a Telegram channel and an approver', async () => {
    const connected = await admin.send('POST', `/workspaces/${ws}/channels`, { network: 'telegram', fields: SANDBOX_BOT });
    expect(connected.status() === 201, `telegram connected (${connected.status()} ${await connected.text()})`);
    const user = await admin.send('POST', '/users', { username: approverName, password: APPROVER_PASSWORD, displayName: '审批人' });
    expect(user.status() === 201, `approver created (${user.status()} ${await user.text()})`);
    const granted = await admin.send('PUT', `/workspaces/${ws}/members/${(await user.json()).id}`, { role: 'APPROVER' });
    expect(granted.ok(), `approver granted (${granted.status()})`);
  });

  await journey('approval policy screen: an admin adds a stage for approvers and turns approval on', async () => {
    await page.goto(`${BASE}/w/${ws}/approval-policy`);
    await page.getByRole('heading', { name: /^审批流程/ }).waitFor();
    await page.locator('[data-testid=add-stage]').click();
    await page.locator('[data-testid=stage-name-0]').fill('品牌审核');
    await page.locator('[data-testid=policy-enabled]').click();
    // The client reviews too, through the link the stage's opening e-mails; a mistyped address is refused first.
    await page.locator('[data-testid=add-reviewer-0]').click();
    await page.locator('[data-testid=stage-reviewer-email-0-0]').fill('li at client.example');
    await page.locator('[data-testid=stage-reviewer-name-0-0]').fill('李娜');
    await page.locator('[data-testid=save-policy]').click();
    await page.locator('[data-testid=problem]', { hasText: 'li@example.com' }).waitFor();
    expect(
      (await page.locator('[data-testid=stage-reviewer-email-0-0]').getAttribute('class')).includes('ant-input-status-error'),
      'the mistyped address is the box marked',
    );
    await page.locator('[data-testid=stage-reviewer-email-0-0]').fill('li@client.example');
    await page.locator('[data-testid=save-policy]').click();
    await page.locator('.ant-message-notice', { hasText: '审批流程已保存' }).waitFor();
    const policy = await admin.get(`/workspaces/${ws}/approval-policy`);
    expect(policy.enabled && policy.stages.length === 1 && policy.stages[0].role === 'APPROVER' && policy.stages[0].rule === 'ANY', `policy saved (${JSON.stringify(policy)})`);
    expect(JSON.stringify(policy.stages[0].reviewers) === JSON.stringify([{ email: 'li@client.example', name: '李娜' }]), `the external reviewer saved (${JSON.stringify(policy.stages[0].reviewers)})`);
    await shot(page, '20-approval-policy');
  });

  await journey('compose for two networks: the blocked term is marked, submitting shows the 422, one click fixes it', async () => {
    await page.goto(`${BASE}/w/${ws}/compose`);
    await page.locator('#post-text').waitFor();
    const boxes = page.locator('.ant-checkbox-group label');
    for (const network of ['电报', '长毛象']) await boxes.filter({ hasText: network }).first().click();
    await page.locator('#post-text').fill(`冬季新品上市，全网最佳口碑 Winter launch ${suffix}`);
    const blockMark = page.locator('[data-testid=post-text-mirror] mark[data-severity=BLOCK]');
    await blockMark.first().waitFor();
    expect((await blockMark.first().innerText()) === '最佳', 'the mark covers exactly the blocked term');
    const masterBlock = page.locator('[data-testid=findings-master] [data-testid=finding][data-severity=BLOCK]');
    await masterBlock.first().waitFor();
    const explained = await masterBlock.first().innerText();
    expect(explained.includes('广告法') && explained.includes('绝对化用语'), `the finding explains itself in Chinese with its legal basis (was "${explained}")`);
    await page.waitForURL(/\/compose\/[^/]+$/);
    postId = page.url().split('/').pop();
    await page.locator('[data-testid=save-state]').filter({ hasText: '草稿已于' }).waitFor();
    await shot(page, '21-compose-findings');

    await page.locator('[data-testid=submit-approval]').click();
    const blocked = page.locator('[data-testid=blocked]');
    await blocked.waitFor();
    const detail = await blocked.innerText();
    expect(detail.includes('最佳') && detail.includes('COMPLIANCE_OVERRIDE'), `the 422 detail of the API is shown (was "${detail}")`);
    expect((await page.locator('[data-testid=override]').count()) === 1, 'an admin is offered the override with a reason');
    await shot(page, '22-submit-blocked');

    const saved = page.waitForResponse((r) => r.url().includes(`/posts/${postId}`) && r.request().method() === 'PUT' && r.ok());
    await masterBlock.first().locator('[data-testid=apply-rewrite]').click();
    expect((await page.locator('#post-text').inputValue()).includes('全网优质口碑'), 'the rewrite replaced the term');
    await saved;
    await page.waitForFunction(() => !document.querySelector('[data-testid=findings-master] [data-testid=finding][data-severity=BLOCK]'));
    expect((await blockMark.count()) === 0, 'no blocking mark is left');
    await page.locator('[data-testid=submit-approval]').click();
    await page.locator('[data-testid=approval-card] [data-testid=approval-status][data-status=PENDING]').first().waitFor();
    await shot(page, '23-submitted');
  });

  await journey('another user approves in a second browser, with a comment anchored to a span', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--lang=zh-CN'] });
    try {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
      const other = await context.newPage();
      await other.goto(`${BASE}/login?next=${encodeURIComponent(`/w/${ws}/approvals`)}`);
      await other.locator('#username').fill(approverName);
      await other.locator('#password').fill(APPROVER_PASSWORD);
      await other.locator('button[type=submit]').click();
      await other.waitForURL(/\/approvals$/);
      const badge = other.locator('[data-testid=badge-approvals]');
      await badge.waitFor();
      expect(Number((await badge.innerText()).trim()) >= 1, 'the menu counts the post waiting for this approver');
      await other.locator('[data-testid=approval-item]', { hasText: suffix }).click();
      const text = other.locator('[data-testid=approval-detail] [data-testid=review-text]').first();
      await text.waitFor();
      // The reviewer selects “优质口碑” with the mouse; the selection is made as a browser makes it.
      await text.evaluate((root) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent.indexOf('优质口碑');
          if (at >= 0) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + 4);
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
            root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
            return;
          }
        }
        throw new Error('the fixed text is not under review');
      });
      expect((await other.locator('[data-testid=anchor-quote]').innerText()) === '优质口碑', 'the comment is anchored to the selected words');
      await other.locator('[data-testid=decision-comment]').fill('“优质口碑”有用户评价支撑，可以发布。');
      await shot(other, '24-approval-queue');
      await other.locator('[data-testid=approve]').click();
      await other.locator('.ant-message-notice', { hasText: '已通过' }).waitFor();
      await badge.waitFor({ state: 'detached' });
      await other.getByRole('tab', { name: '历史' }).click();
      await other.locator('[data-testid=approval-item]', { hasText: suffix }).first().click();
      await other.locator('[data-testid=approval-detail] [data-testid=decision][data-verdict=APPROVE]').waitFor();
      expect((await other.locator('[data-testid=approval-detail] [data-testid=decision-quote]').first().innerText()) === '优质口碑', 'the history quotes the span');
      await shot(other, '25-approval-history');
    } finally {
      await browser.close();
    }
    const requests = (await admin.get(`/workspaces/${ws}/approvals?postId=${postId}`)).items;
    const decision = requests[requests.length - 1].decisions[0];
    const post = await admin.get(`/workspaces/${ws}/posts/${postId}`);
    const variant = post.variants.find((v) => v.channelId === decision.channelId);
    expect(requests[requests.length - 1].status === 'APPROVED', 'the request is approved');
    expect(variant && variant.text.slice(decision.spanStart, decision.spanEnd) === '优质口碑', `the API got the span's UTF-16 offsets (${JSON.stringify(decision)})`);
  });

  await journey('the author publishes the approved post, retries the refused channel in one click, finds both links on the calendar', async () => {
    await page.goto(`${BASE}/w/${ws}/compose/${postId}`);
    await page.locator('[data-testid=approval-card] [data-testid=approval-status][data-status=APPROVED]').first().waitFor();
    await page.locator('[data-testid=publish-now]').click();
    await awaitVariant(page, 'telegram', '已发布');
    await awaitVariant(page, 'mastodon', '失败');
    const refused = await page.locator('[data-testid=variant-mastodon]').innerText();
    const failure = (await admin.get(`/workspaces/${ws}/posts/${postId}`)).variants.find((v) => v.network === 'mastodon').failure;
    expect(failure?.message && refused.includes(failure.message), `the network's reason is shown (was "${refused}", failure ${JSON.stringify(failure)})`);
    await shot(page, '26-publish-refused');
    await page.locator('[data-testid=retry-mastodon]').click();
    await awaitVariant(page, 'mastodon', '已发布');
    await shot(page, '27-retried');
    await page.goto(`${BASE}/w/${ws}/calendar`);
    const links = page.locator('a[data-testid=calendar-url]');
    await page.locator('a[data-testid=calendar-url][href^="https://t.me/"]').first().waitFor();
    const hrefs = await links.evaluateAll((all) => all.map((a) => a.href));
    expect(hrefs.length >= 2 && hrefs.some((h) => !h.startsWith('https://t.me/')), `the calendar links to both networks (${hrefs.join(' ')})`);
    await shot(page, '28-calendar-published');
  });
}
