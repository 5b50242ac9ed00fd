// ESLint with the rules of Payload's shared config (@payloadcms/eslint-config 3.28.0, its latest),
// set here rather than installed: that package pins eslint 9.22, typescript-eslint 8.26 (which
// supports TypeScript < 5.9) and its own TypeScript 5.7, against our TypeScript 5.9 and Payload
// 3.90. Prettier formats (eslint-config-prettier turns off what it owns); `npm run lint` runs both.
import js from '@eslint/js'
import react from '@eslint-react/eslint-plugin'
import prettier from 'eslint-config-prettier/flat'
import { defineConfig, globalIgnores } from 'eslint/config'
import jest from 'eslint-plugin-jest'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import * as regexp from 'eslint-plugin-regexp'
import globals from 'globals'
import tseslint from 'typescript-eslint'

import newsroom from './eslint/plugin.js'

// Payload's baseRules, less perfectionist's sort-objects (it, and perfectionist's recommended
// import/key sorting, would reorder nearly every file of the tree: Prettier formats, order is ours).
const baseRules = {
  'class-methods-use-this': 'off',
  curly: ['warn', 'all'],
  'arrow-body-style': 'off',
  'no-restricted-exports': ['warn', { restrictDefaultExports: { direct: true } }],
  'no-console': 'warn',
  'no-sparse-arrays': 'off',
  'no-underscore-dangle': 'off',
  'no-use-before-define': 'off',
  'object-shorthand': 'warn',
  'no-useless-escape': 'warn',
  // Payload's import-x/no-duplicates, from ESLint's core.
  'no-duplicate-imports': ['warn', { allowSeparateTypeImports: true }],
  // Payload's payload/no-jsx-import-statements.
  'no-restricted-imports': [
    'error',
    { patterns: [{ regex: '\\.jsx$', message: 'JSX imports are invalid. Use .js instead.' }] },
  ],
}

// Payload's typescriptRules.
const typescriptRules = {
  '@typescript-eslint/no-use-before-define': 'off',
  '@typescript-eslint/no-unsafe-assignment': 'off',
  '@typescript-eslint/no-unsafe-member-access': 'off',
  '@typescript-eslint/no-unsafe-call': 'off',
  '@typescript-eslint/no-unsafe-argument': 'off',
  '@typescript-eslint/no-unsafe-return': 'off',
  '@typescript-eslint/unbound-method': 'warn',
  '@typescript-eslint/consistent-type-imports': 'warn',
  '@typescript-eslint/no-explicit-any': 'warn',
  '@typescript-eslint/ban-ts-comment': 'warn',
  '@typescript-eslint/no-unused-vars': [
    'warn',
    {
      vars: 'all',
      args: 'after-used',
      ignoreRestSiblings: false,
      argsIgnorePattern: '^_',
      varsIgnorePattern: '^_',
      destructuredArrayIgnorePattern: '^_',
      caughtErrorsIgnorePattern: '^(_|ignore)',
    },
  ],
  '@typescript-eslint/no-base-to-string': 'warn',
  '@typescript-eslint/restrict-template-expressions': 'warn',
  '@typescript-eslint/no-redundant-type-constituents': 'warn',
  '@typescript-eslint/no-unnecessary-type-constraint': 'warn',
  '@typescript-eslint/no-misused-promises': [
    'error',
    // `<button onClick={async () => …}>` and callbacks that ignore the promise are fine.
    { checksVoidReturn: { attributes: false, arguments: false } },
  ],
  '@typescript-eslint/no-empty-object-type': 'warn',
}

// Payload's react rules (configs/react, rule names of @eslint-react 5) and its a11y downgrades.
const reactRules = {
  'react-hooks/rules-of-hooks': 'error',
  'react-hooks/exhaustive-deps': 'warn',
  '@eslint-react/dom-no-dangerously-set-innerhtml': 'off',
  '@eslint-react/dom-no-dangerously-set-innerhtml-with-children': 'off',
  '@eslint-react/no-array-index-key': 'off',
  '@eslint-react/no-unstable-default-props': 'off',
  '@eslint-react/no-unstable-context-value': 'off',
  '@eslint-react/set-state-in-effect': 'off',
  '@eslint-react/use-state': 'off',
  // A scrollable region (the translator's source text) must be reachable by keyboard.
  'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['tabpanel', 'region'] }],
  'jsx-a11y/anchor-is-valid': 'warn',
  'jsx-a11y/control-has-associated-label': 'warn',
  'jsx-a11y/no-static-element-interactions': 'warn',
  'jsx-a11y/label-has-associated-control': 'warn',
}

// Payload's jest rules (configs/jest), for our *.test.ts (its jest-dom rules: we render no DOM).
const jestRules = {
  'jest/consistent-test-it': ['error', { fn: 'it' }],
  'jest/expect-expect': 'error',
  'jest/prefer-lowercase-title': ['error', { ignore: ['describe'] }],
  'jest/no-alias-methods': 'error',
  'jest/no-duplicate-hooks': 'error',
  'jest/no-export': 'error',
  'jest/no-focused-tests': 'error',
  'jest/no-identical-title': 'error',
  'jest/no-conditional-in-test': 'warn',
  'jest/no-jasmine-globals': 'error',
  'jest/no-large-snapshots': 'error',
  'jest/no-mocks-import': 'error',
  'jest/no-standalone-expect': 'error',
  'jest/no-done-callback': 'error',
  'jest/no-test-prefixes': 'error',
  'jest/no-test-return-statement': 'error',
  'jest/prefer-called-with': 'error',
  'jest/prefer-hooks-on-top': 'error',
  'jest/prefer-strict-equal': 'warn',
  'jest/prefer-to-contain': 'error',
  'jest/prefer-to-have-length': 'error',
  'jest/prefer-todo': 'error',
  'jest/require-top-level-describe': 'error',
  'jest/require-to-throw-message': 'error',
  'jest/valid-describe-callback': 'error',
  'jest/valid-expect-in-promise': 'error',
  'jest/valid-expect': 'error',
  'jest/valid-title': 'error',
}

export default defineConfig([
  globalIgnores([
    // generated
    'src/payload-types.ts',
    'src/app/(payload)/admin/importMap.js',
    'src/migrations/',
    'next-env.d.ts',
    // build output and data
    '**/dist/',
    '.next/',
    'data/',
    'media/',
  ]),
  {
    name: 'newsroom/base',
    extends: [js.configs.recommended, regexp.configs['flat/recommended']],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: globals.node },
    plugins: { newsroom },
    rules: baseRules,
  },
  {
    name: 'newsroom/typescript',
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: typescriptRules,
  },
  {
    name: 'newsroom/react',
    files: ['**/*.tsx'],
    extends: [react.configs['recommended-type-checked'], jsxA11y.flatConfigs.recommended],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: reactRules,
  },
  {
    name: 'newsroom/tests',
    files: ['**/*.test.ts'],
    plugins: { jest },
    languageOptions: { globals: globals.jest },
    rules: { ...jestRules, '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // Payload's "Payload Config" block: config files export a default.
    name: 'newsroom/configs',
    files: ['*.config.{ts,js}', '**/payload.config.ts'],
    rules: { 'no-restricted-exports': 'off' },
  },
  {
    // The reader pages' scripts, in ES5 style for any browser.
    name: 'newsroom/browser-scripts',
    files: ['public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
    rules: { 'object-shorthand': 'off' },
  },
  {
    // Where we part from Payload's config: each rule here flags dozens of places (or whole files'
    // style) without a bug among them, and its fix would rewrite files all over the tree.
    name: 'newsroom/departures',
    rules: {
      // Style of assertions and casts, autofixable in 50-100 files each: no bug among them.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': 'off',
      'jest/consistent-test-it': 'off',
      'jest/prefer-lowercase-title': 'off',
      'jest/prefer-to-contain': 'off',
      'jest/prefer-to-have-length': 'off',
      // toStrictEqual checks more than the tests mean (undefined keys, class instances).
      'jest/prefer-strict-equal': 'off',
      // Table-driven tests branch and loop, suites check their setup in beforeAll, and a few
      // files keep their cases at the top level: patterns, not mistakes.
      'jest/no-conditional-in-test': 'off',
      'jest/no-standalone-expect': 'off',
      'jest/require-top-level-describe': 'off',
      'jest/require-to-throw-message': 'off',
      // Payload's hook and field arguments are loosely typed; `tsc --strict` is the type gate.
      '@typescript-eslint/no-explicit-any': 'off',
      // ids are `string | number`, relationTo and form values unions, arrays joined on purpose;
      // Buffers concatenated as text in stream handlers.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/restrict-plus-operands': 'off',
      // async functions that satisfy a Promise-returning interface without awaiting.
      '@typescript-eslint/require-await': 'off',
      // Methods kept to be called later with their own `this` (response wrappers, patches).
      '@typescript-eslint/unbound-method': 'off',
      // The request limits and the importer match control characters on purpose.
      'no-control-regex': 'off',
      // Style of a regular expression (shorter classes, unused groups), no bug among them.
      'regexp/no-unused-capturing-group': 'off',
      'regexp/prefer-w': 'off',
      'regexp/use-ignore-case': 'off',
      'regexp/prefer-character-class': 'off',
      'regexp/optimal-quantifier-concatenation': 'off',
      // CLIs, benches, tests and the process edge print by design (enforced below where not).
      'no-console': 'off',
    },
  },
  {
    // Published plugins and schemas log through payload.logger.
    name: 'newsroom/no-console',
    files: ['plugins/*/src/**', 'collections/**'],
    rules: { 'no-console': 'error' },
  },
  {
    name: 'newsroom/test-titles',
    files: ['**/*.test.ts'],
    rules: {
      // Titles built by a typed function (`caseName(c)`); assertions in the round-trip runner.
      'jest/valid-title': ['error', { ignoreTypeOfTestName: true }],
      'jest/expect-expect': [
        'error',
        { assertFunctionNames: ['expect', 'runCase', 'checkDisclosure'] },
      ],
    },
  },
  {
    // Hostile inputs are out of range on purpose (`1e309`).
    name: 'newsroom/hostile',
    files: ['tests/hostile/**'],
    rules: { 'no-loss-of-precision': 'off' },
  },
  {
    // Files whose framework wants a default export: Next's routes and config, jest's global
    // setup and test environment, ESLint plugins, module declarations.
    name: 'newsroom/default-exports',
    files: [
      '**/app/**/*.tsx',
      'src/server/nextConfig.ts',
      'tests/helpers/global*.ts',
      'tests/helpers/environment.js',
      'eslint/**',
      '**/*.d.ts',
    ],
    rules: { 'no-restricted-exports': 'off' },
  },
  {
    // The foreign app of `npm run test:packages`: its dependencies exist only in its temp dir.
    name: 'newsroom/packages-app',
    files: ['tests/packages/app/**'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    name: 'newsroom/nested-req',
    files: ['src/**/*.{ts,tsx}', 'collections/**/*.ts', 'plugins/*/src/**/*.{ts,tsx}'],
    rules: { 'newsroom/nested-req': 'error' },
  },
  prettier,
])
