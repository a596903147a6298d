import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { AgentChat, CustomerChat } from './pages/chatPages';
import { waitForPicture } from './pages/videoProbe';

/** A chat share: the customer's screen and the conversation fit one window side by side. */
test('during a chat share the picture and the reply box fit one 1440×900 window', async ({ server, agentContext, fakeCustomerContext }) => {
  const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
  const identity = await agent.identity();
  const customer = await CustomerChat.open(await fakeCustomerContext(), server.url);
  await customer.page.getByRole('textbox', { name: 'Your name (optional)' }).fill('Carla');
  await customer.say('My printer does not print.');
  const chat = await AgentChat.take(agent, 'Carla');

  await chat.requestShare.click();
  await customer.request(identity.displayName).getByRole('button', { name: 'Share screen' }).click();
  await customer.page.getByRole('button', { name: 'Share my screen' }).click();
  const video = chat.session().locator('video[aria-label="Customer screen"]');
  await waitForPicture(video, 640);
  await expect(chat.session().getByText('Carla', { exact: true }), 'the share names the chat customer').toBeVisible();

  await chat.panel.scrollIntoViewIfNeeded();
  await expect(video).toBeInViewport({ ratio: 1 });
  await expect(chat.message).toBeInViewport({ ratio: 1 });
  await expect(chat.panel.getByRole('button', { name: 'Send' })).toBeInViewport({ ratio: 1 });
  const videoBox = await video.boundingBox();
  const replyBox = await chat.message.boundingBox();
  expect(videoBox && replyBox && videoBox.x + videoBox.width <= replyBox.x, 'the reply box sits beside the picture').toBe(true);
  expect(videoBox?.width, 'the picture takes most of the width').toBeGreaterThan(900);
  await chat.say('I can see it now.');
  await expect(customer.line('I can see it now.')).toBeVisible();
  await agent.page.screenshot({ path: test.info().outputPath('agent-chat-share-1440x900.png') });
});
