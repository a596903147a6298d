import type { ServerMessageOf } from '../../../signaling/protocol';
import { text } from '../i18n/textRef';
import { AgentResumeMemory, type AgentResumeEntry } from '../sessions/agentResumeMemory';
import type { SessionDirectory } from '../sessions/sessionDirectory';
import type { SessionPanel } from '../sessions/sessionPanel';
import type { AgentConnection } from './agentSocket';
import type { ConnectionBanner } from './connectionBanner';

export interface ResumerHost {
  readonly panels: readonly SessionPanel[];
  readonly directory: SessionDirectory<SessionPanel>;
  readonly banner: ConnectionBanner;
  /** Adds a panel for a restored session to the page (inside its chat when it has one). */
  addRestoredPanel(entry: AgentResumeEntry): SessionPanel;
  /** The web chat a panel's share was requested in, if any. */
  conversationOf(panel: SessionPanel): string | undefined;
}

/**
 * Keeps the console's sessions alive across a reload or a dropped server connection: remembers
 * each session's resume token (per tab) and takes every waiting session back on the new
 * connection. The console's ResumableConnection does the reconnecting, for as long as graceMs().
 */
export class SessionResumer {
  private readonly memory = new AgentResumeMemory();

  constructor(private readonly host: ResumerHost) {}

  /** After a reload: a panel for each session this tab can take back; true when there are any. */
  restore(): boolean {
    const saved = this.memory.all().sort((a, b) => a.number - b.number);
    for (const entry of saved) {
      this.host.addRestoredPanel(entry).startResuming(entry.sessionId);
    }
    return saved.length > 0;
  }

  /** How long the server keeps the waiting sessions after the connection dropped. */
  graceMs(): number {
    return Math.max(0, ...this.memory.all().map((entry) => entry.graceMs));
  }

  listen(connection: AgentConnection): void {
    const { directory } = this.host;
    connection.on('session.ended', (message) => this.memory.forget(message.sessionId));
    connection.on('session.token', (message) => {
      const panel = directory.find(message);
      if (!panel?.isActive) return;
      const { sessionId, token, graceMs } = message;
      const conversationId = this.host.conversationOf(panel);
      this.memory.save({
        sessionId,
        token,
        graceMs,
        number: panel.number,
        ...(conversationId ? { conversationId } : {}),
        ...panel.identity.remembered(),
      });
    });
    connection.on('session.resumed', (message) => directory.find(message)?.receiveResumed(message));
    connection.on('session.peer', (message) => directory.find(message)?.receivePeer(message.state, message.needsNewPeer === true));
  }

  /** The agent relabelled a panel: a reload shows the new label. */
  relabel(panel: SessionPanel): void {
    const entry = panel.sessionId === null ? undefined : this.memory.get(panel.sessionId);
    if (entry) this.memory.save({ ...entry, ...panel.identity.remembered() });
  }

  /** Connected (again): take back every session that waits. */
  connected(connection: AgentConnection): void {
    for (const panel of this.host.panels) {
      if (!panel.isResuming || panel.sessionId === null) continue;
      const entry = this.memory.get(panel.sessionId);
      if (!entry) continue;
      connection.send({
        type: 'session.resume',
        token: entry.token,
        hasPeer: panel.hasPeer,
        ref: this.host.directory.refFor(panel, 'resume'),
      });
    }
  }

  /**
   * Our socket dropped: sessions with a resume token wait ("Reconnecting…"), the rest end. True
   * when some wait (the banner then says it is reconnecting).
   */
  lost(): boolean {
    let waiting = 0;
    for (const panel of this.host.panels) {
      if (panel.isActive && panel.sessionId !== null && this.memory.get(panel.sessionId)) {
        panel.setReconnecting(true);
        waiting += 1;
      } else {
        panel.loseServer();
      }
    }
    return waiting > 0;
  }

  /** The server refused to give a session back: it has ended meanwhile. */
  refused(panel: SessionPanel, message: ServerMessageOf<'error'>): void {
    if (message.code !== 'resume-expired' || panel.sessionId === null) return;
    this.memory.forget(panel.sessionId);
    panel.receiveEnded('server', 'connection-lost');
  }

  forget(panel: SessionPanel): void {
    if (panel.sessionId !== null) this.memory.forget(panel.sessionId);
  }

  stop(): void {
    for (const panel of this.host.panels) this.forget(panel);
  }

  /** The next attempt is scheduled: the sessions are kept meanwhile. */
  showReconnecting(): void {
    this.host.banner.showLost(text('console.lost'), text('console.keptHint'));
    this.host.banner.showReconnecting();
  }

  /** The grace period is over: whatever still waits has been ended by the server. */
  giveUp(): void {
    for (const panel of this.host.panels) {
      if (!panel.isResuming) continue;
      this.forget(panel);
      panel.loseServer();
    }
    this.host.banner.showLost(text('console.lost'), this.host.panels.length > 0 ? text('console.lostHint') : null);
  }
}
