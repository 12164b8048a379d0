import { describe, expect, it } from 'vitest';
import { audioFormat, promptWithMotion, videoFrame } from './transform';

describe('transform helpers', () => {
  it('adds the motion direction to the prompt once, and leaves it alone without a preset', () => {
    expect(promptWithMotion('A lighthouse at dusk. ', 'push-in')).toBe(
      'A lighthouse at dusk. Camera: slow camera push in towards the subject.'
    );
    expect(promptWithMotion(' A lighthouse ', 'none')).toBe('A lighthouse');
    expect(promptWithMotion('   ', 'orbit')).toBe('');
  });

  it('knows each resolution’s frame and the audio formats providers take', () => {
    expect(videoFrame['720p']).toEqual({ width: 1280, height: 720 });
    expect(audioFormat('voice.MP3', '')).toBe('mp3');
    expect(audioFormat('x', 'audio/wav')).toBe('wav');
    expect(audioFormat('voice.ogg', 'audio/ogg')).toBeUndefined();
  });
});
