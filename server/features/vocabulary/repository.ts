import pg from 'pg';
import {
  VOCABULARY_KINDS,
  type Vocabulary,
  type VocabularyKind,
  type VocabTerm,
} from '../../contract/index.ts';
import type { Queryable } from '../../db/db.ts';
import { sqlFile } from '../../db/sql-files.ts';

const VOCABULARY = sqlFile(new URL('./vocabulary.sql', import.meta.url));

/** The table of each list (migration 016): spliced escaped, never from input. */
const TABLE: Record<VocabularyKind, string> = {
  issueCategory: 'vocab_issue_category',
  issueStatus: 'vocab_issue_status',
  handlingLevel: 'vocab_handling_level',
  department: 'vocab_department',
  compoundType: 'vocab_compound_type',
  siteRoomKind: 'vocab_room_kind',
  activityKind: 'vocab_activity_kind',
};

/** The vocabulary's rows: read whole, checked against, and extended by imports. */
export function vocabularyRepository(db: Queryable) {
  return {
    /** Every list, each in its order. */
    async all(): Promise<Vocabulary> {
      const rows = await db.query<VocabTerm & { kind: VocabularyKind }>(VOCABULARY);
      const out = Object.fromEntries(VOCABULARY_KINDS.map((k) => [k, [] as VocabTerm[]]));
      for (const { kind, ...term } of rows) out[kind]!.push(term);
      return out as Vocabulary;
    },

    /** The keys of `keys` that are not terms of `kind`, in the order given. */
    async unknown(kind: VocabularyKind, keys: string[]): Promise<string[]> {
      if (keys.length === 0) return [];
      const rows = await db.query<{ key: string }>(
        // eslint-disable-next-line no-restricted-syntax -- one statement for seven lists: the table is the kind's
        `SELECT k AS key FROM unnest($1::text[]) WITH ORDINALITY AS u(k, i)
         WHERE NOT EXISTS (SELECT 1 FROM ${pg.escapeIdentifier(TABLE[kind])} v WHERE v.key = u.k)
         ORDER BY i`,
        [keys],
      );
      return rows.map((r) => r.key);
    },

    /**
     * Adds terms named in Chinese to `kind`, after its last one, under the keys the import
     * chose (fresh against the list it read); the English name is the Chinese one until
     * someone writes it. Run in the import's transaction, so the terms land with the records
     * that use them or not at all.
     */
    async add(kind: VocabularyKind, terms: { key: string; zh: string }[]): Promise<void> {
      if (terms.length === 0) return;
      const table = pg.escapeIdentifier(TABLE[kind]);
      await db.query(
        // eslint-disable-next-line no-restricted-syntax -- one statement for seven lists: the table is the kind's
        `INSERT INTO ${table} (key, zh, en, position)
         SELECT u.key, u.zh, u.zh, (SELECT coalesce(max(position), 0) FROM ${table}) + u.i
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(key, zh, i)`,
        [terms.map((t) => t.key), terms.map((t) => t.zh)],
      );
    },
  };
}
export type VocabularyRepository = ReturnType<typeof vocabularyRepository>;
