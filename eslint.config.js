import js from '@eslint/js';

const NO_SYNCHRONIZE = {
  selector: "Property[key.name='synchronize'][value.value=true]",
  message: 'Schema changes go through migrations, never synchronize.',
};
const DATA_ACCESS_ONLY_IN_REPOSITORIES =
  'One owner per table: statements live in <capability>.repository.ts (or src/platform/database); services call repositories, other capabilities call services.';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'coverage/', 'bench/results/', 'tests/artifacts/', 'docker/', 'tools/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        emitDecoratorMetadata: true,
        experimentalDecorators: true,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', NO_SYNCHRONIZE],
    },
  },
  {
    // Data access only in repositories and the database platform code.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.repository.ts', 'src/platform/database/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              importNames: ['DataSource', 'EntityManager', 'QueryRunner', 'Repository'],
              message: DATA_ACCESS_ONLY_IN_REPOSITORIES,
            },
            {
              name: '@nestjs/typeorm',
              importNames: ['InjectDataSource', 'InjectRepository', 'InjectEntityManager'],
              message: DATA_ACCESS_ONLY_IN_REPOSITORIES,
            },
            { name: 'pg', message: DATA_ACCESS_ONLY_IN_REPOSITORIES },
            {
              name: 'pdfkit',
              message: 'Create PDFs with createPdfDocument (src/platform/pdf): it embeds a font with Latin Extended letters.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        NO_SYNCHRONIZE,
        { selector: "CallExpression[callee.property.name='query']", message: DATA_ACCESS_ONLY_IN_REPOSITORIES },
        {
          selector: 'CallExpression[callee.property.name=/^(getRepository|createQueryBuilder|createQueryRunner)$/]',
          message: DATA_ACCESS_ONLY_IN_REPOSITORIES,
        },
      ],
    },
  },
  {
    // Portal pages call services: no repositories, entities or database packages.
    files: ['src/portal/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['typeorm', '@nestjs/typeorm', 'pg'].map((name) => ({ name, message: 'Portal pages call services only.' })),
          patterns: [
            {
              group: ['**/*.repository.js', '**/entities/*', '**/platform/database/*'],
              message: 'Portal pages call services only (DTOs and constants are fine).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', globalThis: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.object.name=/^(it|describe|test)$/][callee.property.name=/^(only|skip)$/]',
          message: 'No focused or skipped tests.',
        },
      ],
    },
  },
);
