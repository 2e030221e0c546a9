import { describe, expect, it } from 'vitest';
import { interactionOptions } from './gestures';

describe('a map under fingers', () => {
  it('leaves one finger to the page on a touch screen: no dragging, two fingers pan and zoom', () => {
    expect(interactionOptions(true)).toMatchObject({ dragging: false, touchZoom: true, keyboard: true });
  });

  it('drags with the mouse elsewhere, and never zooms on the wheel (the page scrolls on)', () => {
    expect(interactionOptions(false)).toMatchObject({
      dragging: true,
      scrollWheelZoom: false,
      keyboard: true,
    });
  });
});
