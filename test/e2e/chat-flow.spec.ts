import { expect, test } from './fixtures';
import { AgentConsole, AgentSession } from './pages/agentConsole';
import { AgentChat, CustomerChat } from './pages/chatPages';
import { firstFrameAt, framesPerSecond, waitForPicture, watchForFirstFrame } from './pages/videoProbe';

/**
 * The web-chat flow: nobody types a key. The customer's chat page runs headed under Xvfb and
 * shares the REAL screen; the agent console runs headless.
 */
test.describe('web chat with a screen-share request', () => {
  test('chat both ways, request → share → the agent sees frames → the customer stops', async ({
    server,
    agentContext,
    realCustomerContext,
  }) => {
    const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
    const identity = await agent.identity();
    const customer = await CustomerChat.open(await realCustomerContext(), server.url);

    await customer.page.getByRole('textbox', { name: 'Your name (optional)' }).fill('Carla');
    await customer.say('Hello, my printer does not print. <b>bold?</b>');
    await expect(customer.status).toHaveText('Waiting for a member of our team…');
    const chat = await AgentChat.take(agent, 'Carla');
    await expect(chat.line('Hello, my printer does not print. <b>bold?</b>'), 'HTML arrives as text').toBeVisible();
    await expect(customer.line(`${identity.displayName} joined the chat.`)).toBeVisible();
    await expect(customer.status).toHaveText(`You are chatting with ${identity.displayName}`);

    await chat.message.pressSequentially('Let me', { delay: 20 });
    await expect(customer.page.getByText(`${identity.displayName} is typing…`)).toBeVisible();
    await chat.message.fill('Let me have a look. See https://example.com/help');
    await chat.message.press('Enter');
    const link = customer.page.getByRole('link', { name: 'https://example.com/help' });
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(link).toHaveAttribute('target', '_blank');

    await customer.message.pressSequentially('Thanks', { delay: 20 });
    await expect(chat.typing).toHaveText('Carla is typing…');
    await customer.send.click();
    await expect(chat.line('Thanks')).toBeVisible();

    await chat.requestShare.click();
    const request = customer.request(identity.displayName);
    await expect(request).toBeVisible();
    await expect(chat.line(`${identity.displayName} asked to see the customer's screen.`)).toBeVisible();
    await watchForFirstFrame(agent.page);
    const clickedAt = Date.now();
    await request.getByRole('button', { name: 'Share screen' }).click();

    // The customer page's own consent step, with the key already entered.
    await expect(
      customer.page.getByText(`${identity.displayName} from ${identity.organisation} wants to see your screen`, { exact: true }),
    ).toBeVisible();
    await customer.page.getByRole('button', { name: 'Share my screen' }).click();
    await expect(customer.page.getByText(`You are sharing your screen with ${identity.displayName}`, { exact: true })).toBeVisible({
      timeout: 30_000,
    });
    const session = chat.session();
    const video = session.locator('video[aria-label="Customer screen"]');
    const frameAt = await firstFrameAt(agent.page);
    const picture = await waitForPicture(video, 1280);
    expect(picture.width).toBeGreaterThanOrEqual(1280);
    console.log(
      `chat share, real capture: ${picture.width}x${picture.height}, ${(await framesPerSecond(video)).toFixed(1)} fps; ` +
        `"Share screen" in the chat → first frame ${frameAt - clickedAt} ms (includes the consent click)`,
    );
    await expect(customer.line('Screen sharing started.')).toBeVisible();
    await expect(chat.line('The customer is sharing their screen.')).toBeVisible();
    // The consent's receipt is on the chat for both sides, and is the one the page shows.
    const receiptLine = customer.page.getByText(new RegExp(`^You agreed to share your screen with ${identity.displayName}\\. Receipt [0-9A-Z]{4}-[0-9A-Z]{4}$`));
    await expect(receiptLine).toBeVisible();
    const receipt = /[0-9A-Z]{4}-[0-9A-Z]{4}$/.exec((await receiptLine.textContent()) ?? '')?.[0] ?? '';
    await expect(customer.page.getByRole('status').filter({ hasText: `Receipt ${receipt}.` })).toBeVisible();
    await expect(agent.page.getByText(new RegExp(`agreed to share their screen\\. Receipt ${receipt}$`))).toBeVisible();

    // The chat goes on while sharing.
    await chat.say('I can see it now.');
    await expect(customer.line('I can see it now.')).toBeVisible();

    await customer.page.getByRole('button', { name: 'Stop sharing' }).click();
    await expect(customer.line('You stopped sharing your screen.')).toBeVisible();
    await expect(chat.line('The customer stopped sharing.')).toBeVisible();
    await expect(session.getByRole('status')).toHaveText('Ended by the customer');
    await expect(video).toBeHidden();

    // The agent can ask again.
    await expect(chat.requestShare).toBeEnabled();
    await customer.page.screenshot({ path: test.info().outputPath('customer-chat.png') });
    await agent.page.screenshot({ path: test.info().outputPath('agent-chat.png'), fullPage: true });
  });

  test('the customer declines; the chat goes on and reload keeps the conversation', async ({ agent, agentIdentity: identity, startChat }) => {
    const { customer, chat, requestShare } = await startChat('Hi there');

    const request = await requestShare();
    await request.getByRole('button', { name: 'No thanks' }).click();
    await expect(customer.line('Screen sharing was declined.')).toBeVisible();
    await expect(chat.line('The customer declined to share their screen.')).toBeVisible();
    await expect(request.getByRole('button', { name: 'Share screen' }), 'an answered request has no buttons').toBeHidden();
    await expect(chat.session().getByRole('status')).toHaveText('The customer declined');

    await customer.page.reload();
    await expect(customer.status).toHaveText(`You are chatting with ${identity.displayName}`);
    await expect(customer.line('Hi there')).toBeVisible();
    await expect(customer.line('Screen sharing was declined.')).toBeVisible();
    await customer.say('Still here after a reload');
    await expect(chat.line('Still here after a reload')).toBeVisible();

    // The agent reloads the console: the conversation comes back with its history.
    await agent.page.reload();
    const again = new AgentChat(agent.page.getByRole('region', { name: 'Chat with Customer' }));
    await expect(again.line('Still here after a reload')).toBeVisible();
    await customer.say('And after yours');
    await expect(again.line('And after yours')).toBeVisible();

    // The customer ends the chat; a confirm step keeps a stray click from ending it.
    await customer.page.screenshot({ path: test.info().outputPath('customer-before-end.png') });
    await customer.page.getByRole('button', { name: 'End chat' }).click();
    const confirm = customer.page.getByRole('alertdialog', { name: 'End this chat?' });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole('button', { name: 'No, keep chatting' })).toBeFocused();
    await customer.page.screenshot({ path: test.info().outputPath('customer-end-confirm.png') });
    await confirm.getByRole('button', { name: 'No, keep chatting' }).click();
    await expect(confirm).toBeHidden();
    await expect(customer.status).toHaveText(`You are chatting with ${identity.displayName}`);
    await customer.page.getByRole('button', { name: 'End chat' }).click();
    await confirm.getByRole('button', { name: 'Yes, end chat' }).click();

    await expect(customer.line('You ended the chat.')).toBeVisible();
    await expect(customer.status).toHaveText('This chat has ended.');
    await expect(customer.message, 'no composer in an ended chat').toBeHidden();
    await expect(customer.page.getByRole('button', { name: 'End chat' })).toBeHidden();
    const newChat = customer.page.getByRole('button', { name: 'Start a new chat' });
    await expect(newChat).toBeVisible();
    await expect(again.line('Customer ended the chat.')).toBeVisible();
    await expect(again.panel.getByText('Customer ended this chat. You can read it, but not reply.')).toBeVisible();
    await customer.page.screenshot({ path: test.info().outputPath('customer-ended.png') });

    // "Start a new chat" begins afresh, and a reload does not bring the ended chat back.
    await newChat.click();
    await expect(customer.status).toHaveText('Write your question below. Someone from our team will answer here.');
    await expect(customer.line('Hi there')).toBeHidden();
    await expect(customer.message).toBeFocused();
    await customer.page.reload();
    await expect(customer.status).toHaveText('Write your question below. Someone from our team will answer here.');
    await customer.say('A new question');
    await expect(customer.status).toHaveText('Waiting for a member of our team…');
  });

  test('"Open in app" carries the scheme, key and server; without the app the page says so', async ({ server, startChat }) => {
    const { customer, chat, requestShare } = await startChat('Can I use the app?');
    const request = await requestShare();
    // The panel says "Creating a security key…" first: wait for the key itself.
    const key = (await new AgentSession(chat.session()).key()).replace(/\s/g, '');

    const openApp = request.getByRole('link', { name: 'Open in app' });
    await expect(openApp).toHaveAttribute('href', /key=\d{9}/);
    const href = new URL((await openApp.getAttribute('href')) ?? '');
    expect(href.protocol).toBe('screenshare:');
    expect(href.host + href.pathname).toBe('join');
    expect(href.searchParams.get('key')).toBe(key);
    expect(href.searchParams.get('server')).toBe(server.url);

    await openApp.click();
    await expect(customer.page.getByText('The app did not open. Please use “Share screen” instead.')).toBeVisible();
    await customer.page.screenshot({ path: test.info().outputPath('customer-request.png') });
  });
});

test.describe('agent console reload during a chat share', () => {
  test('the resumed share panel comes back inside its conversation, with the picture', async ({ agent, startChat }) => {
    const { customer, chat, requestShare } = await startChat('My screen looks odd');
    await (await requestShare()).getByRole('button', { name: 'Share screen' }).click();
    await customer.page.getByRole('button', { name: 'Share my screen' }).click();
    await expect(chat.line('The customer is sharing their screen.')).toBeVisible({ timeout: 30_000 });
    await waitForPicture(chat.session().locator('video[aria-label="Customer screen"]'), 320);

    agent.page.on('dialog', (dialog) => void dialog.accept());
    await agent.page.reload();

    const again = new AgentChat(agent.page.getByRole('region', { name: 'Chat with Customer' }));
    await expect(again.line('My screen looks odd')).toBeVisible();
    const session = again.session();
    await expect(session.getByRole('status')).toHaveText("Sharing: you can see the customer's screen", { timeout: 30_000 });
    await waitForPicture(session.locator('video[aria-label="Customer screen"]'), 320);
    await expect(agent.page.getByRole('region', { name: /^Screen share \d+$/ }), 'one share, inside the chat').toHaveCount(1);
    await expect(agent.page.locator('.session-grid .session'), 'nothing in the voice-key grid').toHaveCount(0);
    await expect(again.requestShare, 'one request at a time').toBeDisabled();
    await agent.page.screenshot({ path: test.info().outputPath('agent-after-reload.png'), fullPage: true });

    await customer.page.getByRole('button', { name: 'Stop sharing' }).click();
    await expect(again.line('The customer stopped sharing.')).toBeVisible();
    await expect(again.requestShare).toBeEnabled();
  });
});

test.describe('the customer ends the chat while sharing', () => {
  test('the share stops, the agent reads who ended it, and the page offers a new chat', async ({
    server,
    agent,
    agentIdentity: identity,
    fakeCustomerContext,
  }) => {
    const customer = await CustomerChat.open(await fakeCustomerContext(), server.url);
    await customer.page.getByRole('textbox', { name: 'Your name (optional)' }).fill('Dora');
    await customer.say('Please look at this');
    const chat = await AgentChat.take(agent, 'Dora');
    await chat.requestShare.click();
    await customer.request(identity.displayName).getByRole('button', { name: 'Share screen' }).click();
    await customer.page.getByRole('button', { name: 'Share my screen' }).click();
    await expect(chat.line('The customer is sharing their screen.')).toBeVisible({ timeout: 30_000 });
    await waitForPicture(chat.session().locator('video[aria-label="Customer screen"]'), 320);

    await customer.page.getByRole('button', { name: 'End chat' }).click();
    await customer.page.getByRole('alertdialog', { name: 'End this chat?' }).getByRole('button', { name: 'Yes, end chat' }).click();
    await expect(chat.session().getByRole('status')).toHaveText('Ended by the customer');
    await expect(chat.line('Dora ended the chat.')).toBeVisible();
    await expect(chat.line('The customer stopped sharing.')).toBeVisible();
    await expect(chat.panel.locator('.chat-entry-system').last(), 'the share ends first, then the chat').toHaveText('Dora ended the chat.');
    await expect(customer.page.getByRole('button', { name: 'Stop sharing' }), 'no sharing bar any more').toBeHidden();
    await expect(customer.line('You ended the chat.')).toBeVisible();
    await expect(customer.page.getByRole('button', { name: 'Start a new chat' })).toBeVisible();
    await customer.page.screenshot({ path: test.info().outputPath('customer-ended-while-sharing.png') });
    await agent.page.screenshot({ path: test.info().outputPath('agent-customer-ended.png'), fullPage: true });
  });
});

test.describe('web chat on a branded server', () => {
  test.use({ serverEnv: { BRAND_DIR: 'build/brands/acme' } });

  test("the brand's app scheme and download link", async ({ startChat }) => {
    const { customer, requestShare } = await startChat('Hello');
    await expect(customer.page.getByRole('heading', { name: 'Chat with Acme Support' })).toBeVisible();
    const openApp = (await requestShare()).getByRole('link', { name: 'Open in app' });
    await expect(openApp).toHaveAttribute('href', /^acme-help:\/\/join\?key=\d{9}&server=/);
    await openApp.click();
    const download = customer.page.getByRole('link', { name: 'Download the app' });
    await expect(download).toHaveAttribute('href', 'https://www.acme.example/remote-help/download');
    await expect(download).toHaveAttribute('rel', 'noopener noreferrer');
    const header = customer.page.locator('.chat-head');
    await expect(header).toHaveCSS('background-color', 'rgb(15, 118, 110)');
  });
});

test.describe('several chats', () => {
  test('an agent keeps two conversations side by side, each with its own customer', async ({
    server,
    agentContext,
    fakeCustomerContext,
  }) => {
    const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
    const carla = await CustomerChat.open(await fakeCustomerContext(), server.url);
    const dora = await CustomerChat.open(await fakeCustomerContext(), server.url);
    await carla.page.getByRole('textbox', { name: 'Your name (optional)' }).fill('Carla');
    await carla.say('My printer');
    await dora.page.getByRole('textbox', { name: 'Your name (optional)' }).fill('Dora');
    await dora.say('My e-mail');
    await expect(agent.page.getByText('My printer', { exact: true })).toBeVisible();
    const withCarla = await AgentChat.take(agent, 'Carla');
    const withDora = await AgentChat.take(agent, 'Dora');
    await withCarla.say('Hello Carla');
    await withDora.say('Hello Dora');
    await expect(carla.line('Hello Carla')).toBeVisible();
    await expect(dora.line('Hello Dora')).toBeVisible();
    await expect(carla.line('Hello Dora')).toHaveCount(0);
    await expect(dora.line('Hello Carla')).toHaveCount(0);
    await expect(withDora.line('My printer')).toHaveCount(0);
    const [a, b] = await Promise.all([withCarla.panel.boundingBox(), withDora.panel.boundingBox()]);
    expect(a && b && Math.abs(a.y - b.y) < 5 && a.x !== b.x, 'the two conversations sit side by side').toBe(true);
    await agent.page.screenshot({ path: test.info().outputPath('agent-two-chats.png') });

    // The agent ends Carla's chat: she is told, can start a new one, and a reload does not bring it back.
    await withCarla.panel.getByRole('button', { name: 'End chat' }).click();
    await expect(carla.line('Alice ended the chat.')).toBeVisible();
    await expect(carla.status).toHaveText('This chat has ended.');
    await expect(carla.page.getByRole('button', { name: 'Start a new chat' })).toBeVisible();
    await expect(withCarla.line('The chat was ended.')).toBeVisible();
    await carla.page.reload();
    await expect(carla.status).toHaveText('Write your question below. Someone from our team will answer here.');
    await expect(carla.line('Hello Carla')).toHaveCount(0);
    await expect(dora.status).toHaveText('You are chatting with Alice');
  });
});

test.describe('web chat key expiry', () => {
  test.use({ serverEnv: { KEY_TTL_SECONDS: '5' } });

  test('an unused request expires: both see it, and the agent can ask again', async ({ agentIdentity: identity, startChat }) => {
    const { customer, chat, requestShare } = await startChat('Hello');
    const request = await requestShare();
    await expect(request.getByRole('button', { name: 'Share screen' })).toBeVisible();

    await expect(customer.line('The screen sharing request has expired.')).toBeVisible();
    await expect(chat.line('The screen share request expired unused.')).toBeVisible();
    await expect(request.getByRole('button', { name: 'Share screen' })).toBeHidden();
    await expect(chat.requestShare).toBeEnabled();
    await chat.requestShare.click();
    await expect(customer.request(identity.displayName).getByRole('button', { name: 'Share screen' })).toBeVisible();
  });
});
