import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** A SQL statement's opening words, for the no-SQL-in-routes rule below. */
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
  // SQL lives in .sql files beside the repository that runs it (server/db/sql-files.ts); a
  // routes.ts only registers routes. Uppercase keywords in statement shape, so a message or an
  // HTTP method ('DELETE') does not match.
  {
    files: ['server/**/routes.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `TemplateElement[value.raw=${SQL_IN_STRING}], Literal[value=${SQL_IN_STRING}]`,
          message: 'No SQL in routes.ts: put it in a .sql file beside the repository.',
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
