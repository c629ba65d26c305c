import type Database from 'better-sqlite3';
import { prepared } from '../db/prepared';
import { randomUUID } from 'node:crypto';
import type { OrganisationView, PersonView } from '../../../shared/domain/import';
import { organisationKey, personKey, splitHonorifics } from '../../../shared/press/personName';
import { normalizeLine } from '../../../shared/text/normalizeText';
import type { Clock } from '../ports';

/**
 * People and organisations, matched to existing records: the same person with and without
 * title („Dr.“, „Prof.“, „Staatsministerin“) is one person (key without titles); a surname alone
 * matches when exactly one known person has it.
 */
export class PeopleStore {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {}

  findPerson(name: string): string | null {
    const key = personKey(name);
    if (!key) return null;
    const exact = prepared(this.db, 'SELECT id FROM people WHERE normalized_name = ?').pluck().get(key) as string | undefined;
    if (exact) return exact;
    if (!key.includes(' ')) {
      const bySurname = prepared(this.db, "SELECT id FROM people WHERE normalized_name LIKE '% ' || ? ESCAPE '\\' LIMIT 2")
        .pluck()
        .all(key.replace(/[%_\\]/gu, (c) => `\\${c}`)) as string[];
      if (bySurname.length === 1) return bySurname[0]!;
    }
    return null;
  }

  /** Id of the person called `name`, created if new; a title seen later is kept. */
  person(name: string, honorific: string | null = null): string {
    const split = splitHonorifics(name);
    const clean = normalizeLine(split.name);
    const title = honorific ?? split.honorific;
    const found = this.findPerson(clean);
    if (found) {
      if (title) prepared(this.db, 'UPDATE people SET honorific = ? WHERE id = ? AND honorific IS NULL').run(title, found);
      // A full name replaces a surname-only record.
      prepared(this.db, "UPDATE people SET name = ?, normalized_name = ? WHERE id = ? AND instr(normalized_name, ' ') = 0 AND ? LIKE '% %'").run(clean, personKey(clean), found, clean);
      return found;
    }
    const id = randomUUID();
    prepared(this.db, 'INSERT INTO people (id, name, normalized_name, honorific, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, clean, personKey(clean), title, this.clock.now().toISOString());
    return id;
  }

  organisation(name: string, kind: string | null = null): string {
    const clean = normalizeLine(name);
    const key = organisationKey(clean);
    const found = prepared(this.db, 'SELECT id FROM organisations WHERE normalized_name = ?').pluck().get(key) as string | undefined;
    if (found) return found;
    const id = randomUUID();
    prepared(this.db, 'INSERT INTO organisations (id, name, normalized_name, kind, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, clean, key, kind, this.clock.now().toISOString());
    return id;
  }

  /** Records that `personId` holds `title` (at `organisationId`), once. */
  role(personId: string, title: string, organisationId: string | null): void {
    const exists = prepared(this.db, 'SELECT 1 FROM roles WHERE person_id = ? AND title = ? AND organisation_id IS ?')
      .get(personId, title, organisationId);
    if (!exists) {
      prepared(this.db, 'INSERT INTO roles (id, person_id, organisation_id, title) VALUES (?, ?, ?, ?)').run(randomUUID(), personId, organisationId, title);
    }
  }

  linkDocumentPerson(documentId: string, personId: string, relation: 'quoted' | 'speaker' | 'mentioned'): void {
    prepared(this.db, 'INSERT OR IGNORE INTO document_people (document_id, person_id, relation) VALUES (?, ?, ?)').run(documentId, personId, relation);
  }

  linkDocumentOrganisation(documentId: string, organisationId: string, relation: 'publisher' | 'quoted' | 'mentioned'): void {
    prepared(this.db, 'INSERT OR IGNORE INTO document_organisations (document_id, organisation_id, relation) VALUES (?, ?, ?)')
      .run(documentId, organisationId, relation);
  }

  listPeople(query?: string): PersonView[] {
    const like = query ? `%${query.toLowerCase().replace(/[%_\\]/gu, (c) => `\\${c}`)}%` : null;
    const rows = prepared(this.db, 
        `SELECT p.id, p.name, p.honorific,
           (SELECT count(*) FROM quotes q WHERE q.person_id = p.id) AS quoteCount,
           (SELECT count(DISTINCT dp.document_id) FROM document_people dp WHERE dp.person_id = p.id) AS documentCount
         FROM people p ${like ? "WHERE p.normalized_name LIKE ? ESCAPE '\\'" : ''}
         ORDER BY p.name COLLATE NOCASE`,
      )
      .all(...(like ? [like] : [])) as { id: string; name: string; honorific: string | null; quoteCount: number; documentCount: number }[];
    const roles = prepared(this.db, 
      'SELECT r.title, o.name AS organisation FROM roles r LEFT JOIN organisations o ON o.id = r.organisation_id WHERE r.person_id = ? ORDER BY r.title',
    );
    return rows.map((r) => ({ ...r, roles: roles.all(r.id) as { title: string; organisation: string | null }[] }));
  }

  listOrganisations(query?: string): OrganisationView[] {
    const like = query ? `%${query.toLowerCase().replace(/[%_\\]/gu, (c) => `\\${c}`)}%` : null;
    return prepared(this.db, 
        `SELECT o.id, o.name,
           (SELECT count(*) FROM quotes q WHERE q.organisation_id = o.id) AS quoteCount,
           (SELECT count(DISTINCT d.document_id) FROM document_organisations d WHERE d.organisation_id = o.id) AS documentCount,
           (SELECT count(DISTINCT r.person_id) FROM roles r WHERE r.organisation_id = o.id) AS peopleCount
         FROM organisations o ${like ? "WHERE o.normalized_name LIKE ? ESCAPE '\\'" : ''}
         ORDER BY o.name COLLATE NOCASE`,
      )
      .all(...(like ? [like] : [])) as OrganisationView[];
  }
}
