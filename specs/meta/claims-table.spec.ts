/**
 * The README's claims table is generated from the ledger and the spec titles, never typed:
 * `npm run claims:table` writes it, and this fails when it no longer matches.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CLAIMS } from '../../fixtures/claims/ledger';
import { CLAIMS_SECTION, renderClaimsSection } from '../../fixtures/claims/readme-table';
import { claimTests } from '../../fixtures/claims/scan';
import { sectionOf } from '../../fixtures/timeline/readme';

const ROOT = path.join(__dirname, '..', '..');
const section = sectionOf(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), CLAIMS_SECTION);

describe('the README claims table', () => {
  test('matches what the ledger and the spec titles generate (run npm run claims:table)', () => {
    expect(section.trim()).toBe(renderClaimsSection(claimTests(path.join(ROOT, 'specs'))).trim());
  });

  test('has one row per claim of the ledger, each claim whole', () => {
    const rows = section.split('\n').filter((line) => /^\| C\d\d /.test(line));
    expect(rows.map((row) => row.slice(2, 5))).toEqual(CLAIMS.map((c) => c.id));
    CLAIMS.forEach((c, i) => expect(rows[i]).toContain(c.claim.replace(/\|/g, '\\|')));
  });
});
