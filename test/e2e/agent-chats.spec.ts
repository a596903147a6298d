import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { AgentChat, CustomerChat } from './pages/chatPages';

/** Chats tell the agent the truth: a new one announces itself, texts follow the chat flow, ended means read-only. */
test('a new chat announces itself; a chat share reads no key aloud; an ended chat is read-only with the reason', async ({
  server,
  agentContext,
  fakeCustomerContext,
}) => {
  const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
  const page = agent.page;
  const identity = await agent.identity();
  await agent.startScreenShare(); // a voice share is open: the Chats card is further down
  const titleBefore = await page.title();

  const customer = await CustomerChat.open(await fakeCustomerContext(), server.url);
  await customer.page.getByRole('textbox', { name: 'Your name (optional)' }).fill('Carla');
  await customer.say('Hello, my printer does not print.');

  const waiting = page.getByRole('button', { name: '1 customer is waiting in Chats' });
  await expect(waiting).toBeInViewport();
  await expect(page).toHaveTitle(`(1) ${titleBefore}`);
  await expect(page.locator('.chat-inbox [aria-live="polite"]')).toHaveText('New chat from Carla');
  await waiting.click();
  await expect(page.getByRole('button', { name: 'Take the chat with Carla' })).toBeFocused();

  const chat = await AgentChat.take(agent, 'Carla');
  await expect(page).toHaveTitle(titleBefore);
  await expect(waiting).toBeHidden();

  await chat.requestShare.click();
  const share = chat.session();
  await expect(share.getByRole('status')).toHaveText('Waiting for the customer to answer the request in the chat');
  await expect(share.getByText('Read this key to the customer.')).toBeHidden();
  await expect(share.getByLabel('Security key', { exact: true })).toBeHidden();
  await expect(customer.request(identity.displayName)).toBeVisible();

  await chat.panel.getByRole('button', { name: 'End chat' }).click();
  await expect(chat.panel.getByText('You ended this chat. You can read it, but not reply.')).toBeVisible();
  await expect(chat.message).toBeHidden();
  await expect(chat.requestShare).toBeDisabled();
  await expect(chat.panel.getByRole('button', { name: 'End chat' })).toBeHidden();
  await expect(share.getByRole('status')).toHaveText('Ended by you');
  await page.screenshot({ path: test.info().outputPath('chat-ended.png'), fullPage: true });
});
