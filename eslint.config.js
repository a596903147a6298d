// @ts-check
/**
 * ESLint over all code and tests: typescript-eslint's type-checked recommended rules, with the
 * few changes below (each with its reason). `npm run lint`; part of `npm test`.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'test-results/', 'playwright-report/', '.dist-*/', 'bench/results/', 'test/unit/main/fixtures/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // TypeScript already checks names; the core rule does not know DOM/Node types.
      'no-undef': 'off',
      // The protocol's text rules refuse control characters on purpose.
      'no-control-regex': 'off',
      // Handlers and store methods are async to fit one signature (in memory or Redis) whether they wait or not.
      '@typescript-eslint/require-await': 'off',
      // ws hands text frames as a Buffer; its RawData type also names ArrayBuffer, so every `data.toString()` trips it.
      '@typescript-eslint/no-base-to-string': 'off',
      // Dependencies are plain objects of functions declared with method shorthand; destructuring them is the house style.
      '@typescript-eslint/unbound-method': 'off',
      // Fastify takes async handlers (and returned replies) where its types say void; a promise passed as an argument is still checked.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: true, variables: false, returns: false } }],
      // Wrong on generic inference (Fastify's logger type needs `log as FastifyBaseLogger`); tsc checks assertions anyway.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Getters on an object literal that read the instance (customerFlow's route).
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['flow'] }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Playwright fixtures must destructure their first argument, even when they need none of it.
    files: ['test/e2e/**', 'test/electron/**', 'bench/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
