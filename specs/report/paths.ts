/** Where the browser spec finds the browser and the page, and writes the screenshot. */
import path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');
export const REPORT = path.resolve(ROOT, process.env.REPORT_FILE ?? 'reports/report.html');
export const SCREENSHOT = path.join(ROOT, 'docs', 'report.png');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
