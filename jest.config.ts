/** @jest-config-loader esbuild-register */
import path from 'node:path';
import type { Config } from 'jest';

// The specs import the port under test through this one specifier; PORT_MODULE swaps it
// (absolute, or relative to the repository root), as ../shared/port-contract.md requires.
const PORT_SPECIFIER = '@port';
const portModule = process.env.PORT_MODULE
  ? path.resolve(__dirname, process.env.PORT_MODULE)
  : path.join(__dirname, 'src', 'index.ts');

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/specs'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    // Transpile only: `npm run typecheck` checks types once, so the suite starts fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleNameMapper: { [`^${PORT_SPECIFIER}$`]: portModule },
  testTimeout: 10_000,
};

export default config;
