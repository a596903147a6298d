const STORAGE_KEY = 'screenshare.agent.chatSound';
const TONE_HZ = 880;
const TONE_SECONDS = 0.18;

/**
 * The optional chime for a new waiting chat, chosen by the agent (remembered in this browser).
 * Browsers allow sound only after a click on the page: turning it on is that click.
 */
export class NewChatSound {
  private context: AudioContext | null = null;

  get enabled(): boolean {
    try {
      return localStorage.getItem(STORAGE_KEY) === 'on';
    } catch {
      return false;
    }
  }

  set enabled(on: boolean) {
    try {
      localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    if (on) void this.audio()?.resume();
  }

  play(): void {
    if (!this.enabled) return;
    const context = this.audio();
    if (!context) return;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = TONE_HZ;
    gain.gain.setValueAtTime(0.15, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + TONE_SECONDS);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + TONE_SECONDS);
  }

  private audio(): AudioContext | null {
    if (!this.context && typeof AudioContext !== 'undefined') this.context = new AudioContext();
    return this.context;
  }
}
