import type { DeepLink } from '../preload/contract/desktopApi';

/**
 * Holds a deep link until the customer page listens for links: the link that launched the app
 * arrives long before the page has loaded. Once the page has taken the pending link, later
 * links are pushed straight to it.
 */
export interface DeepLinkInbox {
  deliver(link: DeepLink): void;
  /** The page subscribed: hand over what is waiting, push from now on. */
  take(): DeepLink | null;
  /** The page is (re)loading: keep links again until it subscribes. */
  pageReloaded(): void;
}

export function createDeepLinkInbox(push: (link: DeepLink) => void): DeepLinkInbox {
  let pending: DeepLink | null = null;
  let pageListening = false;
  return {
    deliver(link) {
      if (pageListening) push(link);
      else pending = link;
    },
    take() {
      pageListening = true;
      const link = pending;
      pending = null;
      return link;
    },
    pageReloaded() {
      pageListening = false;
    },
  };
}
