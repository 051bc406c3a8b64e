import { Lanes } from './lane';
import { TimeView } from './view';
import { TrackSection, Features } from './track';
import { ParameterLanes, TrackAnswer } from './params';
import { PromptTimeline } from './prompts';
import { DrawnLanes } from './drawn';
import { BendControls, Model } from './bendControls';

// The page's editor against the music: one time window over the waveform, the feature lanes, the prompt
// timeline, the drawn lanes and the bends' parameter lanes. main.ts mounts it and asks it for request fields.

export type { Features, TrackAnswer };

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export class Editor {
  readonly view = new TimeView();
  readonly lanes: Lanes;
  readonly track: TrackSection;
  readonly params: ParameterLanes;
  readonly prompts: PromptTimeline;
  readonly drawn: DrawnLanes;
  readonly controls: BendControls;

  /**
   * @param seek   moves the player to a time (click on a lane)
   * @param edited the bends, lanes or prompts changed: recompute the parameter tracks
   */
  constructor(seek: (t: number) => void, edited: () => void) {
    this.lanes = new Lanes(this.view, seek);
    this.track = new TrackSection(this.lanes, $('waveform'), $('lanes'), $('timeline-tools'));
    this.params = new ParameterLanes(this.lanes, $('params'));
    this.prompts = new PromptTimeline(this.lanes, $('prompt-lane'), $('prompts-panel'),
      $<HTMLInputElement>('prompt'), () => { });
    this.drawn = new DrawnLanes(this.lanes, $('drawn-lanes'), $('drawn-panel'), () => {
      this.offerSources();
      edited();
    });
    this.prompts.playhead = () => this.now;
    $<HTMLInputElement>('prompt').addEventListener('input', () => this.prompts.redraw());
    this.controls = new BendControls($('bends-panel'), $<HTMLTextAreaElement>('bends'), edited);
    // A zoom or scroll asks for the tracks at the new window's resolution (once it settles).
    let timer: number | undefined;
    this.view.onChange(() => {
      window.clearTimeout(timer);
      timer = window.setTimeout(edited, 80);
    });
    fetch('/api/models', { credentials: 'same-origin' }).then((r) => (r.ok ? r.json() : { models: [] }))
      .then((m: { models: Model[] }) => this.controls.models(m.models)).catch(() => { });
  }

  /** A new track: the waveform from the file, then every lane over its features. */
  async audio(bytes: ArrayBuffer) { await this.track.audio(bytes); }

  show(features: Features) {
    this.track.show(features);
    this.prompts.show(this.view.duration);
    this.drawn.show(this.view.duration);
    this.offerSources();
  }

  /** The fields of POST /api/tracks besides audio, fps and bends: drawn lanes and the window to draw. */
  trackFields(): Record<string, unknown> {
    return { ...this.drawn.fields(), ...this.params.window() };
  }

  drawTracks(answer: TrackAnswer) { this.params.draw(answer); }

  /** The editor's part of the job file: prompts, their interpolation, drawn lanes. */
  settings(): Record<string, unknown> { return { ...this.prompts.fields(), ...this.drawn.fields() }; }

  load(settings: Record<string, any>) {
    this.prompts.load(settings);
    this.drawn.load(settings);
    this.offerSources();
  }

  /** Where time t sits on the lanes (null out of the window), and a call whenever the window moves. */
  xOf(t: number): number | null { return this.lanes.xOf(t); }
  onView(listener: () => void) { this.view.onChange(listener); }

  private now = 0;

  playhead(t: number) {
    this.now = t;
    this.lanes.playhead(t);
  }

  private offerSources() {
    this.controls.sources(Object.keys(this.track.features?.features ?? {}), this.drawn.names());
  }
}
