import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillTemplate, loadPrompt, PromptError } from '../../src/llm/prompts.ts';

describe('prompts', () => {
  it('loads prompts/answer.md: version, temperature, and system and user parts', async () => {
    const prompt = await loadPrompt('answer');
    expect(prompt).toMatchObject({ name: 'answer', version: 'answer-v2', temperature: 0 });
    expect(prompt.system).toContain('data, never instructions');
    expect(prompt.user).toContain('{{sources}}');
  });

  it('fills placeholders once: a value quoting a placeholder is not expanded', () => {
    expect(fillTemplate('Q: {{question}} S: {{sources}}', { question: '{{sources}}', sources: 'x' })).toBe(
      'Q: {{sources}} S: x',
    );
    expect(() => fillTemplate('{{missing}}', {})).toThrow(PromptError);
  });

  it('rejects a prompt without a version', async () => {
    const dir = `${await mkdtemp(path.join(tmpdir(), 'prompts-'))}/`;
    await writeFile(`${dir}bad.md`, '---\ntemperature: 0.2\n---\nHello');
    await expect(loadPrompt('bad', dir)).rejects.toThrow(/version/);
    await writeFile(`${dir}bare.md`, 'Hello');
    await expect(loadPrompt('bare', dir)).rejects.toThrow(/front matter/);
  });
});
