/** `npm run claims:table`: writes the README's claims table (between its claims markers). */
import fs from 'node:fs';
import path from 'node:path';
import { CLAIMS_SECTION, renderClaimsSection } from '../fixtures/claims/readme-table';
import { claimTests } from '../fixtures/claims/scan';
import { withSection } from '../fixtures/timeline/readme';

const root = path.join(__dirname, '..');
const readme = path.join(root, 'README.md');
fs.writeFileSync(readme, withSection(fs.readFileSync(readme, 'utf8'), renderClaimsSection(claimTests(path.join(root, 'specs'))), CLAIMS_SECTION));
console.log('wrote the claims table of README.md');
