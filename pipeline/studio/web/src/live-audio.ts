// The live page's audio inputs: the browser's microphone (PCM to the server) and a file played here (its clock
// to the server). Each keeps what the page needs to show the audio-to-frame latency.

export type Send = (message: object | ArrayBuffer) => void;

/** The microphone through an AudioWorklet, resampled by the AudioContext to the server's analysis rate. */
export class Microphone {
  private context: AudioContext | null = null;
  private sent = 0;
  /** [end sample, performance.now() when sent] of the chunks sent, oldest first (the last ~10 s). */
  private sentAt: [number, number][] = [];

  constructor(private readonly rate: number, private readonly send: Send) {}

  async start(): Promise<void> {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
    const context = new AudioContext({ sampleRate: this.rate });
    this.context = context;
    await context.audioWorklet.addModule('./live-worklet.js');
    const tap = new AudioWorkletNode(context, 'pcm-tap');
    this.send({ type: 'microphone', rate: context.sampleRate });
    tap.port.onmessage = (e: MessageEvent<ArrayBuffer>) => {
      this.sent += e.data.byteLength / 4;
      this.sentAt.push([this.sent, performance.now()]);
      if (this.sentAt.length > 300) this.sentAt.shift();
      this.send(e.data);
    };
    // The graph is pulled by its destination: a silent gain keeps the tap running without playing the input back.
    const mute = context.createGain();
    mute.gain.value = 0;
    context.createMediaStreamSource(stream).connect(tap).connect(mute).connect(context.destination);
    await context.resume();
  }

  get running(): boolean { return this.context !== null; }

  /** Milliseconds since the audio of time t (seconds since the first sample) was sent; null if not known. */
  latencyMs(t: number): number | null {
    const sample = t * this.rate;
    const chunk = this.sentAt.find(([end]) => end >= sample - 1);
    return chunk ? performance.now() - chunk[1] : null;
  }
}

/** A file played by the page's audio element; its clock goes to the server every 50 ms and on every change. */
export class Player {
  constructor(private readonly element: HTMLAudioElement, src: string, private readonly send: Send) {
    element.src = src;
    const report = () => this.send({ type: 'clock', t: element.currentTime, playing: !element.paused });
    for (const event of ['play', 'pause', 'seeked', 'ended']) element.addEventListener(event, report);
    window.setInterval(() => { if (!element.paused) report(); }, 50);
  }

  /** How far the playback is past the end of the frame's audio, in ms (negative: the frame came early). */
  latencyMs(due: number): number {
    return (this.element.currentTime - due) * 1000;
  }
}
