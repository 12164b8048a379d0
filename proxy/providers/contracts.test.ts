import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wireContracts, type FieldRule, type WireContract } from '../../src/lib/core/operations/contracts';
import type { ProviderId } from '../../src/lib/core/providers';
import { startFakeGemini } from '../testing/fakes/gemini';
import { startFakeHuggingFace } from '../testing/fakes/huggingface';
import { startFakeQwen } from '../testing/fakes/qwen';
import type { FakeServer } from '../testing/fakes/server';
import { startFakeStability } from '../testing/fakes/stability';
import { startFakeWaveSpeed } from '../testing/fakes/wavespeed';

/**
 * Every field of every model's contract, exercised against that provider's enforcing fake: a body with the
 * required fields passes; a misspelt field, a missing required field, a value outside an enum or a range each gets
 * the provider's documented 400 in the provider's own error shape, naming the field.
 */
const KEY = 'contract-key-1';
const starters: Record<ProviderId, (key: string) => Promise<FakeServer>> = {
  stability: startFakeStability,
  wavespeed: startFakeWaveSpeed,
  qwen: startFakeQwen,
  gemini: startFakeGemini,
  huggingface: startFakeHuggingFace
};
const fakes = new Map<ProviderId, FakeServer>();
beforeAll(async () => {
  for (const [id, start] of Object.entries(starters)) fakes.set(id as ProviderId, await start(KEY));
});
afterAll(async () => {
  await Promise.all([...fakes.values()].map((fake) => fake.close()));
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function validValue(rule: FieldRule): unknown {
  if (rule.enum) return rule.enum[0];
  switch (rule.type) {
    case 'string':
      return 'a lighthouse';
    case 'number':
      return rule.min ?? 1;
    case 'integer':
      return Math.max(rule.min ?? 1, 0);
    case 'boolean':
      return false;
    case 'file':
      return new Blob([PNG], { type: 'image/png' });
    case 'data-uri':
      return 'data:image/png;base64,iVBORw==';
    case 'array':
      return rule.items === 'data-uri'
        ? ['data:image/png;base64,iVBORw==']
        : rule.items === 'string'
          ? ['TEXT']
          : [{ role: 'user', parts: [{ text: 'a lighthouse' }] }];
    case 'object':
      return {};
  }
}

function outOfRange(rule: FieldRule): unknown {
  if (rule.enum) return typeof rule.enum[0] === 'number' ? 3 : 'not-an-option';
  if (rule.type !== 'number' && rule.type !== 'integer') return undefined;
  if (rule.max !== undefined) return rule.max + 1;
  return rule.min !== undefined ? rule.min - 1 : undefined;
}

const requiredBody = (contract: WireContract) =>
  Object.fromEntries(
    Object.entries(contract.fields)
      .filter(([, rule]) => rule.required)
      .map(([name, rule]) => [name, validValue(rule)])
  );

async function send(contract: WireContract, flat: Record<string, unknown>) {
  const fake = fakes.get(contract.provider)!;
  const auth: Record<string, string> =
    contract.provider === 'gemini' ? { 'x-goog-api-key': KEY } : { authorization: `Bearer ${KEY}` };
  let body: BodyInit;
  const headers: Record<string, string> = { ...auth, ...contract.headers };
  if (contract.encoding === 'multipart') {
    const form = new FormData();
    for (const [name, value] of Object.entries(flat)) {
      if (value instanceof Blob) form.append(name, value, 'a.png');
      else form.append(name, String(value));
    }
    body = form;
  } else {
    const nested: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(flat)) {
      const path = name.split('.');
      let at = nested;
      for (const step of path.slice(0, -1)) at = (at[step] ??= {}) as Record<string, unknown>;
      at[path.at(-1)!] = value;
    }
    body = JSON.stringify(nested);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${fake.url}${contract.path}`, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text() };
}

/** The provider's own error shape for a refused parameter (as each fake's header documents it). */
const errorShape: Record<ProviderId, (body: unknown) => boolean> = {
  stability: (body) => (body as { name?: string }).name === 'bad_request',
  wavespeed: (body) => (body as { code?: number }).code === 400,
  qwen: (body) => (body as { code?: string }).code === 'InvalidParameter',
  gemini: (body) => (body as { error?: { status?: string } }).error?.status === 'INVALID_ARGUMENT',
  huggingface: (body) => Array.isArray((body as { error?: unknown }).error)
};

describe('every contract field against its enforcing fake', () => {
  for (const contract of wireContracts) {
    describe(`${contract.provider}:${contract.model} ${contract.path}`, () => {
      it('accepts the required fields alone, and each documented field with a valid value', async () => {
        const base = requiredBody(contract);
        expect((await send(contract, base)).status).toBe(200);
        for (const [name, rule] of Object.entries(contract.fields)) {
          if (rule.required) continue;
          const answer = await send(contract, { ...base, [name]: validValue(rule) });
          expect([name, answer.status]).toEqual([name, 200]);
        }
      });

      it('refuses a misspelt field, a missing required field and out-of-range values in the provider’s shape', async () => {
        const base = requiredBody(contract);
        const refused = async (flat: Record<string, unknown>, field: string) => {
          const answer = await send(contract, flat);
          expect([field, answer.status]).toEqual([field, 400]);
          expect(errorShape[contract.provider](JSON.parse(answer.text))).toBe(true);
          expect(answer.text).toContain(field);
        };
        const first = Object.keys(contract.fields)[0]!;
        const misspelt = `${first}s`;
        await refused({ ...base, [misspelt]: validValue(contract.fields[first]!) }, misspelt);
        for (const [name, rule] of Object.entries(contract.fields)) {
          if (rule.required) {
            const { [name]: _dropped, ...rest } = base;
            await refused(rest, name);
          }
          const bad = outOfRange(rule);
          if (bad !== undefined) await refused({ ...base, [name]: bad }, name);
        }
      });
    });
  }
});

describe('the catalogue and its contracts', () => {
  it('docs/providers.md lists every model with its request and every source', () => {
    const doc = readFileSync('docs/providers.md', 'utf8');
    for (const contract of wireContracts) {
      if (contract.model === 'gemini-2.5-flash') continue;
      const cell = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(doc, contract.model).toMatch(
        new RegExp(`\\|\\s*${cell(contract.provider)}\\s*\\|\\s*${cell(contract.model)}\\s*\\|`)
      );
      expect(doc).toContain(`\`${contract.method} ${contract.path}\``);
      for (const source of contract.sources) expect(doc).toContain(source.url);
    }
  });

  it('links every contract to at least one source with the date it was read', () => {
    for (const contract of wireContracts) {
      expect(contract.sources.length, contract.model).toBeGreaterThan(0);
      for (const source of contract.sources) {
        expect(source.url).toMatch(/^https:\/\//);
        expect(source.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });
});
