// After a drag on the map (box or lasso selection) the browser fires a click; MapLibre, which saw no
// mousedown of its own, would take it for a click on an area and select it. `arm()` on mouseup drops that
// one click (capture phase on the container); the flag clears on the next task if no click came.

export interface ClickSwallow {
  /** The capture-phase click listener to add to the map's container. */
  readonly listener: (e: MouseEvent) => void;
  /** Drops the next click (when `on`, default true). */
  arm(on?: boolean): void;
}

export function clickSwallow(): ClickSwallow {
  let armed = false;
  return {
    listener: (e) => {
      if (!armed) return;
      armed = false;
      e.stopPropagation();
    },
    arm(on = true) {
      armed = on;
      setTimeout(() => (armed = false), 0);
    },
  };
}
