/**
 * Alerts for new queue entries: a short beep made with WebAudio (no sound file), an unread badge in
 * the tab title, and a desktop notification when the agent allowed them. Browsers only let a page
 * play sound or ask for notification permission after a user gesture, so `unlock()` and
 * `requestPermission()` are called from click/keydown handlers.
 */
import { badgeTitle } from './title';

export interface AlertsOptions {
  /** Title without a badge, e.g. "Console · PayLater". */
  baseTitle: string;
  /** Opens the chat a notification was clicked for. */
  onNotificationClick(conversationId: string): void;
}

type AudioCtor = typeof AudioContext;

export function createAlerts(opts: AlertsOptions) {
  let audio: AudioContext | undefined;
  let unread = 0;
  let muted = false;

  function render() {
    document.title = badgeTitle(unread, opts.baseTitle);
  }

  return {
    /** Creates/resumes the audio context; call on a user gesture (login, a click). */
    unlock(): void {
      const Ctor = (window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioCtor }).webkitAudioContext) as AudioCtor | undefined;
      if (!Ctor) return;
      try {
        audio ??= new Ctor();
        if (audio.state === 'suspended') void audio.resume();
      } catch {
        audio = undefined;
      }
    },
    /** Two short tones; silent when muted or the audio context is not unlocked yet. */
    beep(): void {
      if (muted || !audio || audio.state !== 'running') return;
      const t = audio.currentTime;
      for (const [at, freq] of [
        [0, 880],
        [0.16, 1175],
      ] as const) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.type = 'sine';
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, t + at);
        gain.gain.exponentialRampToValueAtTime(0.2, t + at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, t + at + 0.14);
        osc.connect(gain).connect(audio.destination);
        osc.start(t + at);
        osc.stop(t + at + 0.15);
      }
    },
    get muted(): boolean {
      return muted;
    },
    setMuted(value: boolean): void {
      muted = value;
    },
    /** The number shown in the title badge. */
    setUnread(count: number): void {
      unread = count;
      render();
    },
    get unread(): number {
      return unread;
    },
    /** 'granted' | 'denied' | 'default' | 'unsupported'. */
    permission(): NotificationPermission | 'unsupported' {
      return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
    },
    /** Asks for notification permission; only call from a user gesture. */
    async requestPermission(): Promise<NotificationPermission | 'unsupported'> {
      if (typeof Notification === 'undefined') return 'unsupported';
      if (Notification.permission !== 'default') return Notification.permission;
      try {
        return await Notification.requestPermission();
      } catch {
        return Notification.permission;
      }
    },
    /** A desktop notification when permitted and the tab is not in front. Text is plain (no markup in notifications). */
    notify(conversationId: string, title: string, body: string): void {
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      if (document.visibilityState === 'visible' && document.hasFocus()) return;
      try {
        const n = new Notification(title, { body, tag: `queue-${conversationId}` });
        n.onclick = () => {
          window.focus();
          opts.onNotificationClick(conversationId);
          n.close();
        };
      } catch {
        /* some browsers only allow notifications from a service worker */
      }
    },
  };
}

export type Alerts = ReturnType<typeof createAlerts>;
