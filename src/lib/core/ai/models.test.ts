import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deviceModels, modelBytes } from './models';

describe('the on-device model catalog', () => {
  it('has only permissive licences', () => {
    for (const model of deviceModels) expect(['Apache-2.0', 'MIT']).toContain(model.licence);
  });

  it('states the true size of every file the app ships (copied into static/ by copy-models)', () => {
    for (const model of deviceModels.filter((candidate) => candidate.app))
      for (const file of model.files)
        expect(statSync(join('static', model.to, file.name)).size, `${model.id}/${file.name}`).toBe(
          file.bytes
        );
  });

  it('sums a model’s files', () => {
    expect(modelBytes(deviceModels.find((model) => model.id === 'selfie')!)).toBe(296_556);
  });
});
