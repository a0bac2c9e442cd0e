/**
 * The README timelines are drawn from the virtual runs of the examples, never typed: each is
 * checked here against a fresh run. With TIMELINES_UPDATE=1 (what `npm run timelines` sets)
 * the README's section is written instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLES } from '../../fixtures/article/examples';
import { serviceFor } from '../../fixtures/claims/ledger';
import { blocksIn, README_EXAMPLES, renderBlock, renderDoc, sectionOf, TIMELINES_FILE, withSection, type TimelineBlock } from '../../fixtures/timeline/readme';
import { timelineOf } from '../../fixtures/timeline/timeline';
import { useVirtualTime } from '../support/virtual-time';

const DOC_PATH = path.join(__dirname, '..', '..', TIMELINES_FILE);
const updating = process.env.TIMELINES_UPDATE === '1';
const readDoc = (): string => sectionOf(fs.readFileSync(DOC_PATH, 'utf8'));

describe(`the README timelines (${TIMELINES_FILE})`, () => {
  const vt = useVirtualTime();
  const drawn = new Map<string, TimelineBlock>();

  afterAll(() => {
    if (!updating) return;
    if (drawn.size !== README_EXAMPLES.length) throw new Error(`${TIMELINES_FILE} not written: some examples could not be drawn`);
    const readme = fs.readFileSync(DOC_PATH, 'utf8');
    fs.writeFileSync(DOC_PATH, withSection(readme, renderDoc(README_EXAMPLES.map(({ name }) => drawn.get(name)!))));
  });

  test.each(README_EXAMPLES)('$name is drawn from its virtual run', async (readme) => {
    const example = EXAMPLES.find((e) => e.name === readme.name);
    if (!example) throw new Error(`the README shows ${readme.name}, but fixtures/article/examples.ts has no such example`);
    const { url, service } = vt.service(serviceFor(readme.name));
    const target = example.path === undefined ? url : new URL(example.path, url).href;
    await vt.run(() => example.main({ url: target, print: () => {} }));
    const block: TimelineBlock = { ...readme, elapsedMs: vt.now(), timeline: timelineOf(service.requests, vt.now()) };
    drawn.set(readme.name, block);
    if (!updating) expect(readDoc()).toContain(renderBlock(block));
  });

  test('shows exactly the README examples, in order', () => {
    if (updating) return;
    expect(blocksIn(readDoc())).toEqual(README_EXAMPLES.map(({ name }) => name));
  });
});
