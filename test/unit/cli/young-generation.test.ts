// The worker's hint about V8's young generation (src/cli/young-generation.ts).
import { describe, expect, it } from 'vitest';
import { youngGenerationHint } from '../../../src/cli/young-generation.js';

describe('youngGenerationHint', () => {
  it('says how to start a worker that has the default young generation', () => {
    expect(youngGenerationHint([], undefined)).toContain('NODE_OPTIONS=--max-semi-space-size=64');
    expect(youngGenerationHint(['--max-old-space-size=8192'], '--enable-source-maps')).toContain('--max-semi-space-size=64');
    expect(youngGenerationHint([], '--max-semi-space-sizes=2')).toBeDefined(); // another flag
  });

  it('says nothing when the flag was given, on the command line or in NODE_OPTIONS, in any spelling', () => {
    expect(youngGenerationHint(['--max-semi-space-size=64'], undefined)).toBeUndefined();
    expect(youngGenerationHint([], '--enable-source-maps --max-semi-space-size=32')).toBeUndefined();
    expect(youngGenerationHint(['--max_semi_space_size', '128'], '')).toBeUndefined();
  });
});
