import { z } from 'zod';

/** A saved brand voice: words added to every prompt, and the style it prefers. */
export const PersonaSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(60),
  voice: z.string().trim().max(500),
  stylePreset: z.string().max(40).optional(),
  negativePrompt: z.string().trim().max(500).optional()
});
export type Persona = z.infer<typeof PersonaSchema>;
export const PersonasSchema = z.array(PersonaSchema).max(50);

/** The prompt with the persona's voice appended once (applying twice changes nothing). */
export function applyPersona(prompt: string, persona: Persona | undefined): string {
  const base = prompt.trim();
  if (!persona?.voice) return base;
  if (base.toLowerCase().includes(persona.voice.toLowerCase())) return base;
  return base ? `${base.replace(/[.,;\s]+$/, '')}. ${persona.voice}` : persona.voice;
}

/** A negative prompt that keeps the user's words and adds the persona's. */
export function mergeNegative(negative: string, persona: Persona | undefined): string {
  const parts = [negative.trim(), persona?.negativePrompt?.trim() ?? ''].filter(Boolean);
  return [...new Set(parts)].join(', ');
}
