/**
 * Reads the TSDoc of the API contract (`server/contract/*.ts`) with the TypeScript compiler API
 * and writes what the OpenAPI document (`GET /api/openapi.json`) says in words:
 * `server/contract/openapi-descriptions.json`, checked in (the server does not parse TypeScript
 * at run time). Run `npm run openapi` after changing a route's or a schema's comment; a test
 * fails while the file is stale.
 *
 * - `routes`: each `defineRoute` property's comment, keyed `METHOD /url`;
 * - `groups`: each route group's comment, keyed as in `ROUTE_GROUPS` (the document's tags);
 * - `schemas`: each exported `…Schema` constant's comment, keyed by its name.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { ContractDocs } from '../server/features/openapi/document.ts';

const CONTRACT = fileURLToPath(new URL('../server/contract/', import.meta.url));
export const DOCS_FILE = `${CONTRACT}openapi-descriptions.json`;

/** A node's TSDoc as plain text: `{@link X}` as `X`, lines joined as one paragraph each. */
function docOf(node: ts.Node): string | undefined {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const last = docs.at(-1);
  if (!last) return undefined;
  const text = ts.getTextOfJSDocComment(last.comment);
  if (!text) return undefined;
  const plain = text
    .replace(/\{@link\s+([^}\s|]+)(?:[\s|]+([^}]*))?\}/g, (_, name: string, label?: string) =>
      label ? label.trim() : name,
    )
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .join('\n\n')
    .trim();
  return plain === '' ? undefined : plain;
}

/** The string value of property `name` in an object literal, if it is a plain string literal. */
function stringProp(obj: ts.ObjectLiteralExpression, name: string): string | undefined {
  for (const p of obj.properties) {
    if (
      ts.isPropertyAssignment(p) &&
      p.name.getText() === name &&
      ts.isStringLiteralLike(p.initializer)
    ) {
      return p.initializer.text;
    }
  }
  return undefined;
}

/** `defineRoute({...})`'s argument, or undefined for anything else. */
function routeArgument(e: ts.Expression): ts.ObjectLiteralExpression | undefined {
  if (!ts.isCallExpression(e) || e.expression.getText() !== 'defineRoute') return undefined;
  const [arg] = e.arguments;
  return arg && ts.isObjectLiteralExpression(arg) ? arg : undefined;
}

/** Reads every contract file's comments (sorted keys, so the written file is stable). */
export function readContractDocs(): ContractDocs {
  const routes: Record<string, string> = {};
  const schemas: Record<string, string> = {};
  /** Each route group constant's comment, by its variable name. */
  const groupDocs: Record<string, string> = {};
  let groupNames: Record<string, string> = {};

  const files = readdirSync(CONTRACT).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  for (const file of files.sort()) {
    const source = ts.createSourceFile(
      file,
      readFileSync(CONTRACT + file, 'utf8'),
      ts.ScriptTarget.ES2022,
      true,
    );
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const decl of statement.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
        const name = decl.name.text;
        let init = decl.initializer;
        while (ts.isSatisfiesExpression(init) || ts.isAsExpression(init)) init = init.expression;
        const doc = docOf(statement);
        if (name === 'ROUTE_GROUPS' && ts.isObjectLiteralExpression(init)) {
          groupNames = Object.fromEntries(
            init.properties
              .filter(ts.isPropertyAssignment)
              .map((p) => [p.name.getText(), p.initializer.getText()]),
          );
          continue;
        }
        if (/Schema$/.test(name) && doc) schemas[name] = doc;
        if (!ts.isObjectLiteralExpression(init)) continue;
        let isGroup = false;
        for (const p of init.properties) {
          if (!ts.isPropertyAssignment(p)) continue;
          const route = routeArgument(p.initializer);
          if (!route) continue;
          isGroup = true;
          const method = stringProp(route, 'method');
          const url = stringProp(route, 'url');
          const routeDoc = docOf(p);
          if (method && url && routeDoc) routes[`${method} ${url}`] = routeDoc;
        }
        if (isGroup && doc) groupDocs[name] = doc;
      }
    }
  }
  const groups: Record<string, string> = {};
  for (const [key, variable] of Object.entries(groupNames)) {
    const doc = groupDocs[variable];
    if (doc) groups[key] = doc;
  }
  const sorted = (o: Record<string, string>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { routes: sorted(routes), groups: sorted(groups), schemas: sorted(schemas) };
}

/** The file's text for the docs: what the test compares with the checked-in file. */
export const docsFileText = (docs: ContractDocs): string => `${JSON.stringify(docs, null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const docs = readContractDocs();
  writeFileSync(DOCS_FILE, docsFileText(docs));
  console.log(
    `${DOCS_FILE}: ${Object.keys(docs.routes).length} routes, ` +
      `${Object.keys(docs.groups).length} groups, ${Object.keys(docs.schemas).length} schemas`,
  );
}
