import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assembleWat, KERNELS, renderBinaryModule } from './assemble.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('WebAssembly kernels', () => {
  it.each(KERNELS)(
    '$module is the assembled $wat (run `npm run wasm:assemble` after editing it)',
    async (kernel) => {
      const bytes = await assembleWat(kernel.wat, fs.readFileSync(path.join(here, kernel.wat), 'utf8'));
      expect(WebAssembly.validate(bytes)).toBe(true);
      expect(fs.readFileSync(path.join(here, kernel.module), 'utf8')).toBe(
        renderBinaryModule(kernel.wat, bytes),
      );
    },
  );

  it('reports a syntax error with file, line and column', async () => {
    await expect(assembleWat('broken.wat', '(module\n  (func (i32.add)))\n  (oops)')).rejects.toThrow(
      /broken\.wat:\d+:\d+/,
    );
  });
});
