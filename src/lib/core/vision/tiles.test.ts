import { describe, expect, it } from 'vitest';
import { faceWindows, mergeWindowed, smallFaceWindows } from './tiles';

describe('faceWindows', () => {
  it('is the whole frame alone untiled, or for a small square frame', () => {
    expect(faceWindows({ width: 1280, height: 427 }, false)).toEqual([
      { x: 0, y: 0, width: 1280, height: 427 }
    ]);
    expect(faceWindows({ width: 380, height: 380 })).toEqual([{ x: 0, y: 0, width: 380, height: 380 }]);
  });

  it('covers a 3:1 frame with overlapping squares of its height, reaching both ends', () => {
    const windows = faceWindows({ width: 1280, height: 427 }).slice(1);
    const squares = windows.filter((window) => window.width === 427);
    expect(squares[0]).toMatchObject({ x: 0, y: 0 });
    expect(squares.at(-1)).toMatchObject({ x: 1280 - 427 });
    for (let index = 1; index < squares.length; index++) {
      const shared = squares[index - 1]!.x + 427 - squares[index]!.x;
      expect(shared / 427).toBeGreaterThanOrEqual(0.3);
    }
    // Every window is square: the detector sees faces at their true proportions.
    for (const window of windows) expect(window.width).toBe(window.height);
  });

  it("searches a landscape 4:3 frame (a phone camera's) whole; a portrait one, and wider than 4:3, in squares too", () => {
    expect(faceWindows({ width: 1280, height: 960 })).toEqual([{ x: 0, y: 0, width: 1280, height: 960 }]);
    expect(faceWindows({ width: 960, height: 1280 })).toEqual([
      { x: 0, y: 0, width: 960, height: 1280 },
      { x: 0, y: 0, width: 960, height: 960 },
      { x: 0, y: 320, width: 960, height: 960 }
    ]);
    expect(faceWindows({ width: 1280, height: 954 })).toEqual([
      { x: 0, y: 0, width: 1280, height: 954 },
      { x: 0, y: 0, width: 954, height: 954 },
      { x: 326, y: 0, width: 954, height: 954 }
    ]);
  });

  it('gives a 3:2 frame no padded square: it would be the whole frame again, padded', () => {
    const threeByTwo = faceWindows({ width: 853, height: 1280 });
    expect(threeByTwo.slice(1).map((window) => [window.width, window.height])).toEqual([
      [853, 853],
      [853, 853]
    ]);
    // Just wider than 3:2, the padded squares come back (shorter than the frame's long side).
    const wider = faceWindows({ width: 1280, height: 840 });
    expect(
      wider
        .slice(1)
        .filter((window) => window.width > 840)
        .map((window) => window.width)
    ).toEqual([1260, 1260]);
  });

  it('holds a head that fills most of a 1:3 frame whole in some square, reaching outside the frame', () => {
    const size = { width: 700, height: 2100 };
    const head = { x: 198, y: 264, width: 301, height: 504 };
    const windows = faceWindows(size);
    const holds = (window: { x: number; y: number; width: number; height: number }) =>
      window.x <= head.x &&
      window.y <= head.y &&
      window.x + window.width >= head.x + head.width &&
      window.y + window.height >= head.y + head.height;
    // No square of the short side holds it: each one cuts it (they overlap by 30 % of 700 px).
    expect(windows.filter((window) => window.width === 700 && window.height === 700).some(holds)).toBe(false);
    const large = windows.filter((window) => window.width > 700);
    expect(large.some(holds)).toBe(true);
    for (const window of large) {
      expect(window.width).toBe(window.height);
      expect(window.x + window.width / 2).toBe(350);
    }
    expect(large[0]!.y).toBe(0);
    expect(large.at(-1)!.y + large.at(-1)!.height).toBe(2100);
  });

  it('adds half-size windows for small faces when the frame has the pixels and no large face was found', () => {
    const size = { width: 1280, height: 853 };
    const fine = smallFaceWindows(size, []);
    expect(fine.length).toBeGreaterThan(4);
    for (const window of fine) expect(window.width).toBe(427);
    expect(smallFaceWindows(size, [{ x: 0, y: 0, width: 40, height: 40 }])).toEqual(fine);
    expect(smallFaceWindows(size, [{ x: 0, y: 0, width: 150, height: 150 }])).toEqual([]);
    expect(smallFaceWindows({ width: 380, height: 300 }, [])).toEqual([]);
  });
});

describe('mergeWindowed', () => {
  const frame = { width: 1000, height: 400 };
  const left = { x: 0, y: 0, width: 400, height: 400 };
  const right = { x: 300, y: 0, width: 400, height: 400 };

  it('keeps one face per cluster, with the best score, and drops one cut by a window edge', () => {
    const merged = mergeWindowed(
      [
        { box: { x: 320, y: 100, width: 60, height: 60 }, score: 0.7, window: left },
        { box: { x: 322, y: 102, width: 58, height: 58 }, score: 0.9, window: right },
        // Cut by the left window's right edge at x = 400.
        { box: { x: 370, y: 200, width: 31, height: 60 }, score: 0.95, window: left },
        { box: { x: 370, y: 200, width: 60, height: 60 }, score: 0.8, window: right }
      ],
      frame
    );
    expect(merged.map((face) => face.score)).toEqual([0.9, 0.8]);
  });

  it('boxes each face with its finds averaged by score, so a tight box from a small window does not rule alone', () => {
    const [face] = mergeWindowed(
      [
        { box: { x: 100, y: 100, width: 100, height: 100 }, score: 0.6, window: { x: 0, y: 0, ...frame } },
        { box: { x: 110, y: 120, width: 80, height: 80 }, score: 0.9, window: left }
      ],
      frame
    );
    expect(face?.score).toBe(0.9);
    expect(face?.box.x).toBeCloseTo(106);
    expect(face?.box.y).toBeCloseTo(112);
    expect(face?.box.width).toBeCloseTo(88);
    expect(face?.box.height).toBeCloseTo(88);
  });
});
