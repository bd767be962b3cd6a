import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    ignores: [
      '.next/**',
      'generated/**',
      'node_modules/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      '.test-tmp/**',
      'next-env.d.ts',
      'bench/results/**',
    ],
  },
];
export default config;
