// An animation-frame provider for deck.gl's render loop (luma.gl's AnimationLoop
// takes `animationFrameProvider`; Deck passes its props on to the loop) that
// runs the loop only when asked.
//
// Why: deck.gl's loop asks for a frame on every vsync even when nothing changes.
// Chromium then keeps the page "animating", and every MapLibre repaint waits for
// the vsync phase: +8 ms per map update measured here (Leipzig, trend arrows on,
// SwiftShader). The MapLibre overlay redraws deck.gl itself when the camera
// moves; the loop is only needed to apply new layers and to notice async work.
// So it runs freely while deck.gl starts or a layer loads, and otherwise once
// per change, synchronously (tick), which also draws the new layers at once.

const PARKED = -1;

export class OnDemandFrames {
  private parked: FrameRequestCallback | null = null;
  private free = true;

  readonly requestAnimationFrame = (callback: FrameRequestCallback): number => {
    if (this.free) return window.requestAnimationFrame(callback);
    this.parked = callback;
    return PARKED;
  };

  readonly cancelAnimationFrame = (handle: number): void => {
    if (handle === PARKED) this.parked = null;
    else window.cancelAnimationFrame(handle);
  };

  /** Runs one pass of the loop now (apply layer changes, ask the map for a repaint). */
  tick(): void {
    const callback = this.parked;
    if (!callback) return;
    this.parked = null;
    callback(performance.now());
  }

  /** Lets the loop run every frame (while something loads). */
  run(): void {
    if (this.free) return;
    this.free = true;
    const callback = this.parked;
    this.parked = null;
    if (callback) window.requestAnimationFrame(callback);
  }

  /** Stops running every frame; the next request is parked until tick() or run(). */
  settle(): void {
    this.free = false;
  }
}
