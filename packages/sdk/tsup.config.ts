import { defineConfig } from 'tsup';

// ESM (.js) and CommonJS (.cjs) with type declarations for each; dependencies stay external.
export default defineConfig({
  entry: { index: 'src/index.ts', apollo: 'src/apollo.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2020',
  platform: 'neutral',
  treeshake: true,
  // One copy of shared modules (e.g. GraphQLRequestError, so instanceof works across entries) in CommonJS too.
  splitting: true,
});
