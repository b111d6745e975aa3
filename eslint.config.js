import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** A SQL statement's opening words, for the no-SQL-in-TypeScript rule below. */
const SQL_IN_STRING = String.raw`/\b(SELECT\s[\s\S]*\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|WITH\s+\w+\s+AS\s*\()/`;

export default tseslint.config(
  {
    ignores: ['node_modules', 'dist', '.data', '.test-data', 'test-results', 'geodata', '.scratch'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // The client may import only what both sides run (server/contract/); the build refuses
      // the rest too (vite.config.ts, clientBoundary).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/*', '!**/server/contract'],
              message: 'The client imports only server/contract/ (what both sides run).',
            },
          ],
        },
      ],
    },
  },
  // SQL lives in .sql files beside the repository that runs it (server/db/sql-files.ts), in
  // every server module. Uppercase keywords in statement shape, so a message or an HTTP method
  // ('DELETE') does not match. A statement that cannot be a fixed one (its table or columns
  // chosen at run time) carries an eslint-disable comment saying why, or its file is listed.
  {
    files: ['server/**/*.ts'],
    ignores: [
      // Tests write the rows and statements they check.
      'server/**/*.test.ts',
      // The import's statements generated from record-tables.ts and a restore's column list.
      'server/features/imports/table-sql.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `TemplateElement[value.raw=${SQL_IN_STRING}], Literal[value=${SQL_IN_STRING}]`,
          message:
            'No SQL in TypeScript: put it in a .sql file beside the repository (server/db/sql-files.ts).',
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
);
