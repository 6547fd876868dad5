import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/.data/**', '**/.turbo/**', 'bench/.work/**', '**/scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Only env.ts reads the environment (create-t3-turbo's rule).
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in env.ts only.' },
      ],
    },
  },
  {
    // The page's scripts run as one classic script (page.ts joins them): each says what it takes
    // from the others (/* global */) and what it gives them (/* exported */).
    files: ['apps/api/src/page/**/*.js'],
    languageOptions: { sourceType: 'script' },
  },
  {
    files: ['**/env.ts', '**/*.test.ts', '**/test/**', 'bench/**', 'scripts/**', 'packages/core/src/cli/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
)
