// The year player: steps through the indicator's years, each shown for `delay`
// milliseconds after it is painted; any change by the user stops it.
import type { ViewPipeline } from './view-pipeline.svelte';
import type { ViewStore } from './view-store.svelte';

export class YearPlayer {
  playing = $state(false);
  /** How long each year stays on screen (ms). */
  delay = $state(1000);

  constructor(
    private readonly store: ViewStore,
    private readonly pipeline: ViewPipeline,
  ) {
    store.beforeUserChange = () => this.stop();
  }

  /** Plays through the indicator's years from the shown one (from the first if at the end); stops at the last. */
  async play(): Promise<void> {
    if (this.playing) return;
    const years = this.store.indicator.years;
    if (years.length < 2) return;
    this.playing = true;
    const store = this.store;
    if (store.view.year >= (years[years.length - 1] ?? store.view.year)) store.update({ year: years[0] ?? store.view.year }, { replace: true });
    while (this.playing) {
      const shownAt = performance.now();
      await this.pipeline.whenYearPainted();
      const wait = this.delay - (performance.now() - shownAt);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (!this.playing) break;
      const next = store.indicator.years.find((y) => y > store.view.year);
      if (next === undefined) break;
      store.update({ year: next }, { replace: true });
    }
    this.playing = false;
  }

  stop(): void {
    this.playing = false;
  }
}
