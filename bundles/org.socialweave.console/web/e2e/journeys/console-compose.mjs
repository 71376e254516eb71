// Journeys of the compose screen's media, hashtags and mentions (branch console-compose), called
// from console.e2e.mjs with its helpers: { page, BASE, PASSWORD, journey, shot, expect }.
import { png, unlabelledControls } from './console-library.mjs';

const api = (BASE, path) => `${BASE}/api/v1${path}`;

async function csrf(page, BASE) {
  return (await (await page.request.get(api(BASE, '/session'))).json()).csrfToken;
}

/** Puts an image into the demo workspace's library through the API, as another editor would. */
async function libraryImage(page, BASE, name, seed) {
  const made = await page.request.post(api(BASE, `/workspaces/demo/media?fileName=${encodeURIComponent(name)}`), {
    headers: { 'X-CSRF-Token': await csrf(page, BASE), 'Content-Type': 'image/png' },
    data: png(240, 160, seed),
  });
  if (made.status() !== 201 && made.status() !== 200) throw new Error(`upload of ${name}: ${made.status()} ${await made.text()}`);
  return made.json();
}

/** Reads the saved post until it satisfies `test` (the autosave runs after the last edit). */
async function savedPost(page, BASE, id, test) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const post = await (await page.request.get(api(BASE, `/workspaces/demo/posts/${id}`))).json();
    if (test(post)) return post;
    if (Date.now() > deadline) throw new Error(`expected: the saved post to match ${test} (was ${JSON.stringify(post)})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const tab = (page, network) => page.getByRole('tab', { name: new RegExp(network) });

/** Opens the picker of one media field, ticks the named assets and closes it. */
async function pick(page, field, names) {
  await page.locator(`[data-testid=${field}] [data-testid=choose-media]`).click();
  const dialog = page.locator('.ant-modal-content').filter({ has: page.locator('[data-testid=picker-upload]') });
  for (const name of names) await dialog.locator('[data-testid=picker-asset]', { hasText: name }).locator('input[type=checkbox]').check();
  return dialog;
}

async function addToken(page, input, value) {
  await page.locator(`[data-testid=${input}-input]`).fill(value);
  await page.locator(`[data-testid=${input}-input]`).press('Enter');
}

export async function composeJourneys({ page, BASE, PASSWORD, journey, shot, expect }) {
  const stamp = Date.now();
  const first = await libraryImage(page, BASE, `compose-a-${stamp.toString(36)}.png`, stamp);
  const second = await libraryImage(page, BASE, `compose-b-${stamp.toString(36)}.png`, stamp + 7);
  const text = `冬季新品上市 compose ${stamp.toString(36)}`;
  let postId;

  await journey('compose: Telegram and Mastodon with a library image, a hashtag and a mention', async () => {
    await page.goto(`${BASE}/w/demo/compose`);
    await page.locator('#post-text').waitFor();
    for (const network of ['电报', '长毛象']) await page.locator('.ant-checkbox-group label').filter({ hasText: network }).first().click();
    await page.locator('#post-text').fill(text);
    await addToken(page, 'post-tags', '#冬季新品');
    await page.locator('[data-testid=post-tags] [data-testid=token]', { hasText: '冬季新品' }).waitFor();
    const dialog = await pick(page, 'media-master', [first.fileName]);
    await dialog.locator('[data-testid=picker-asset] img[data-testid=media-thumbnail]').first().waitFor();
    expect((await unlabelledControls(page)).length === 0, `every control has a name: ${await unlabelledControls(page)}`);
    await shot(page, '40-compose-picker');
    await dialog.locator('[data-testid=choose-done]').click();
    await page.locator(`[data-testid=media-master] [data-testid=chosen-media][data-asset="${first.id}"]`).waitFor();

    await tab(page, '电报').click();
    await page.locator('[data-testid=media-rules-telegram]').waitFor();
    await page.locator('[data-testid=media-telegram] [data-testid=media-fits]').first().waitFor();
    await addToken(page, 'mentions-telegram', '@socialweave_demo');
    const preview = page.locator('[data-testid=preview-telegram]');
    await preview.filter({ hasText: '@socialweave_demo' }).waitFor();
    const shown = await preview.innerText();
    expect(shown.includes('#冬季新品') && shown.includes(text), `the Telegram preview has the text, the mention and the tag (was "${shown}")`);
    // The live count is the rendered text's (mention and tag included), by Telegram's counting.
    const expected = `${text}\n\n@socialweave_demo #冬季新品`.length;
    const count = await page.locator('[data-testid=count-telegram]').first().innerText();
    expect(count.startsWith(`${expected} /`), `the count includes the mention and the tag: ${expected} (was "${count}")`);
    await page.waitForURL(/\/w\/demo\/compose\/[^/]+$/);
    await page.locator('[data-testid=save-state]').filter({ hasText: '草稿已于' }).waitFor();
    await shot(page, '41-compose-telegram');
    await tab(page, '长毛象').click();
    await page.locator('[data-testid=preview-mastodon]').filter({ hasText: '#冬季新品' }).waitFor();
    postId = page.url().split('/').pop();
  });

  await journey('compose: reopened, the post shows its image, hashtag and mention', async () => {
    // The autosave has sent all of it: the media, the tag and the mention are on the server.
    const saved = await savedPost(page, BASE, postId, (post) => post.media.includes(first.id) && post.tags.includes('冬季新品') && post.variants.some((v) => v.mentions.includes('socialweave_demo')));
    const telegram = saved.variants.find((v) => v.network === 'telegram');
    expect(telegram.text.includes('@socialweave_demo #冬季新品'), `the Telegram variant has the mention and the tag: ${telegram.text}`);
    expect(!saved.variants.find((v) => v.network === 'mastodon').text.includes('@socialweave_demo'), 'the mention is on Telegram only');
    await page.goto(`${BASE}/w/demo/posts`);
    await page.goto(`${BASE}/w/demo/compose/${postId}`);
    await page.locator(`[data-testid=media-master] [data-testid=chosen-media][data-asset="${first.id}"]`).waitFor();
    await page.locator('[data-testid=post-tags] [data-testid=token]', { hasText: '冬季新品' }).waitFor();
    await tab(page, '电报').click();
    await page.locator('[data-testid=mentions-telegram] [data-testid=token]', { hasText: 'socialweave_demo' }).waitFor();
    await page.locator('[data-testid=preview-telegram]').filter({ hasText: '@socialweave_demo #冬季新品' }).waitFor();
    await page.locator('[data-testid=preview-telegram] img').first().waitFor();
    await shot(page, '42-compose-reopened');
  });

  await journey("compose: Weibo leaves the hashtag out, and two images show the server's 400 in its tab", async () => {
    await page.locator('.ant-checkbox-group label').filter({ hasText: '微博' }).first().click();
    await tab(page, '微博').click();
    await page.locator('[data-testid=tags-left-out-weibo]').waitFor();
    expect(!(await page.locator('[data-testid=preview-weibo]').innerText()).includes('#冬季新品'), 'no hashtag in the Weibo preview');
    await page.locator('[data-testid=own-media-weibo]').click();
    const dialog = await pick(page, 'media-weibo', [second.fileName]);
    await dialog.locator('[data-testid=choose-done]').click();
    await page.locator('[data-testid=media-weibo] [data-testid=media-count-problem]').waitFor();
    const problem = page.locator('[data-testid=media-weibo] [data-testid=media-problem]');
    await problem.waitFor();
    const detail = await problem.innerText();
    expect(/400/.test(detail) && /count rule/.test(detail), `the server's refusal names the count rule (was "${detail}")`);
    await shot(page, '43-compose-weibo-refused');
    await page.locator(`[data-testid=media-weibo] [data-testid=chosen-media][data-asset="${second.id}"] [data-testid=remove-media]`).click();
    await problem.waitFor({ state: 'detached' });
    await page.locator('[data-testid=save-state]').filter({ hasText: '草稿已于' }).waitFor();
  });

  await journey('compose: a tag change over someone else\'s edit shows the 412 detail and overwrites nothing', async () => {
    const theirs = await page.request.get(api(BASE, `/workspaces/demo/posts/${postId}`));
    const post = await theirs.json();
    const variantMedia = Object.fromEntries(post.variants.filter((v) => v.customMedia).map((v) => [v.channelId, v.media]));
    const variantMentions = Object.fromEntries(post.variants.map((v) => [v.channelId, v.mentions]));
    const changed = await page.request.put(api(BASE, `/workspaces/demo/posts/${postId}`), {
      headers: { 'X-CSRF-Token': await csrf(page, BASE), 'If-Match': theirs.headers().etag },
      data: { text: post.text, channelIds: post.variants.map((v) => v.channelId), media: [second.id], variantMedia, tags: ['他们的标签'], variantMentions },
    });
    expect(changed.status() === 200, `the other editor saved (${changed.status()} ${await changed.text()})`);
    await tab(page, '主文案').click();
    await addToken(page, 'post-tags', 'mine');
    const conflict = page.locator('[data-testid=conflict]');
    await conflict.waitFor();
    const detail = await conflict.innerText();
    expect(detail.includes('changed by someone else'), `the conflict shows the problem's detail (was "${detail}")`);
    const after = await (await page.request.get(api(BASE, `/workspaces/demo/posts/${postId}`))).json();
    expect(after.tags.join() === '他们的标签' && after.media.join() === second.id, `their tags and media are kept: ${JSON.stringify(after.tags)} ${JSON.stringify(after.media)}`);
    await shot(page, '44-compose-conflict');
    await conflict.getByRole('button').click();
    await conflict.waitFor({ state: 'detached' });
    await page.locator('[data-testid=post-tags] [data-testid=token]', { hasText: '他们的标签' }).waitFor();
    await page.locator(`[data-testid=media-master] [data-testid=chosen-media][data-asset="${second.id}"]`).waitFor();
  });

  await journey('compose: a session that ends mid-upload asks to sign in, keeps the draft and finishes the upload', async () => {
    await page.goto(`${BASE}/w/demo/compose`);
    await page.locator('#post-text').waitFor();
    await page.locator('.ant-checkbox-group label').filter({ hasText: '电报' }).first().click();
    const kept = `上传时会话过期 kept ${Date.now()}`;
    await page.locator('#post-text').fill(kept);
    await page.waitForURL(/\/w\/demo\/compose\/[^/]+$/);
    await page.locator('[data-testid=save-state]').filter({ hasText: '草稿已于' }).waitFor();
    const draftId = page.url().split('/').pop();
    await page.locator('[data-testid=media-master] [data-testid=choose-media]').click();
    const picker = page.locator('.ant-modal-content').filter({ has: page.locator('[data-testid=picker-upload]') });
    await picker.waitFor();
    await page.request.delete(api(BASE, '/session'), { headers: { 'X-CSRF-Token': await csrf(page, BASE) } });
    const name = `mid-upload-${Date.now().toString(36)}.png`;
    await picker.locator('input[type=file]').setInputFiles({ name, mimeType: 'image/png', buffer: png(200, 120, Date.now()) });
    const login = page.locator('.ant-modal-content', { hasText: '登录已过期' });
    await login.waitFor();
    await shot(page, '45-compose-upload-expired');
    await login.locator('#password').fill(PASSWORD);
    await login.locator('button[type=submit]').click();
    await login.waitFor({ state: 'detached' });
    await picker.locator('[data-testid=picker-asset]', { hasText: name }).locator('input[type=checkbox]:checked').waitFor();
    await picker.locator('[data-testid=choose-done]').click();
    await page.locator('[data-testid=media-master] [data-testid=chosen-media]', { hasText: name }).waitFor();
    expect((await page.locator('#post-text').inputValue()) === kept, 'the text is still on screen');
    await page.locator('[data-testid=save-state]').filter({ hasText: '草稿已于' }).waitFor();
    const saved = await savedPost(page, BASE, draftId, (post) => post.media.length === 1);
    expect(saved.text === kept, `the draft was saved with its text and the uploaded image (was "${saved.text}")`);
    await shot(page, '46-compose-upload-resumed');
  });
}
