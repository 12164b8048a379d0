import { describe, expect, it } from 'vitest';
import { colourName, dominantColours } from './colours';
import { deriveTags, exifDateToIso, orientationOf, promptKeywords, sizeClassOf } from './tags';

describe('tag derivation', () => {
  it('turns detections, geometry, colours, provenance and EXIF into distinct tags', () => {
    const tags = deriveTags({
      objectLabels: ['person', 'person', 'Laptop'],
      faceCount: 3,
      width: 1920,
      height: 1080,
      colours: ['blue', 'white'],
      source: 'create',
      provider: 'Stability',
      prompt: 'A golden retriever on the beach at sunset, high quality',
      exif: { camera: 'SONY ILCE-7M2', takenAt: '2017-10-31T20:16:18' }
    });
    const byKind = (kind: string) => tags.filter((tag) => tag.kind === kind).map((tag) => tag.tag);
    expect(byKind('object')).toEqual(['person', 'laptop']);
    expect(byKind('faces')).toEqual(['3 faces', 'faces', 'group']);
    expect(byKind('orientation')).toEqual(['landscape']);
    expect(byKind('size')).toEqual(['medium']);
    expect(byKind('colour')).toEqual(['blue', 'white']);
    expect(byKind('provider')).toEqual(['stability']);
    expect(byKind('prompt')).toEqual(['golden', 'retriever', 'beach', 'sunset']);
    expect(byKind('camera')).toEqual(['sony ilce-7m2']);
    expect(byKind('date')).toEqual(['2017']);
  });

  it('adds no face tags when there are none', () => {
    const tags = deriveTags({
      objectLabels: [],
      faceCount: 0,
      width: 10,
      height: 10,
      colours: [],
      source: 'import'
    });
    expect(tags.map((tag) => tag.tag)).toEqual(['square', 'small', 'import']);
  });

  it('classifies orientation, size and EXIF dates', () => {
    expect(orientationOf(1000, 1030)).toBe('square');
    expect(orientationOf(900, 1600)).toBe('portrait');
    expect(sizeClassOf(4000, 3000)).toBe('huge');
    expect(sizeClassOf(2500, 100)).toBe('large');
    expect(exifDateToIso('2017:10:31 20:16:18')).toBe('2017-10-31T20:16:18');
    expect(exifDateToIso('0000')).toBeUndefined();
    expect(promptKeywords('Neon neon CITY, with rain')).toEqual(['neon', 'city', 'rain']);
  });
});

describe('colour names', () => {
  it('names primaries, neutrals and brown', () => {
    expect(colourName(220, 30, 30)).toBe('red');
    expect(colourName(30, 60, 220)).toBe('blue');
    expect(colourName(40, 180, 60)).toBe('green');
    expect(colourName(250, 250, 250)).toBe('white');
    expect(colourName(128, 128, 128)).toBe('grey');
    expect(colourName(10, 10, 10)).toBe('black');
    expect(colourName(110, 70, 30)).toBe('brown');
  });

  it('keeps only the colours that cover enough of the image, most common first', () => {
    const pixels = (rgb: number[], n: number) => Array.from({ length: n }, () => rgb).flat();
    const image = new Uint8Array([
      ...pixels([30, 60, 220], 60),
      ...pixels([220, 30, 30], 35),
      ...pixels([40, 180, 60], 5)
    ]);
    expect(dominantColours(image)).toEqual(['blue', 'red']);
  });
});
