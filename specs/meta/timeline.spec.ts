/** The timeline renderer: spans to rows of `#`, one column per 100 ms, under a ruler of seconds. */
import { maxInFlight, renderTimeline, SpanRecorder, spansFromRequests } from '../../fixtures/timeline/timeline';

describe('the timeline renderer', () => {
  test('draws each span from its start to its end, one column per 100 ms', () => {
    const spans = [
      { label: 'req0', start: 0, end: 1000 },
      { label: 'req1', start: 0, end: 1000 },
      { label: 'req2', start: 1000, end: 2000 },
    ];
    expect(renderTimeline(spans, { until: 2000 })).toBe(
      [
        '       0s        1s        2s',
        'req0  |##########          |',
        'req1  |##########          |',
        'req2  |          ##########|',
      ].join('\n'),
    );
  });

  test('rounds real timestamps to the nearest column and draws an open span to the end', () => {
    const spans = [
      { label: 'req0', start: 3.4, end: 1004.9 },
      { label: 'req1', start: 1049, end: undefined },
    ];
    expect(renderTimeline(spans, { until: 1512 }).split('\n').slice(1)).toEqual(['req0  |##########     |', 'req1  |          #####|']);
  });

  test('turns service requests into spans from the example start, named by arrival', () => {
    const requests = [
      { index: 0, path: '/', arrivedAt: 5000, answeredAt: 6000 },
      { index: 1, path: '/', arrivedAt: 6000 },
    ];
    expect(spansFromRequests(requests, 5000)).toEqual([
      { label: 'req0', start: 0, end: 1000 },
      { label: 'req1', start: 1000, end: undefined },
    ]);
  });

  test('records spans on any clock', async () => {
    let now = 100;
    const recorder = new SpanRecorder(() => now);
    const end = recorder.start('pool0');
    now = 600;
    await recorder.span('pool1', () => {
      now = 1100;
    });
    end();
    expect(recorder.spans).toEqual([
      { label: 'pool0', start: 0, end: 1000 },
      { label: 'pool1', start: 500, end: 1000 },
    ]);
  });

  test('rejects spans that end before they start and negative or infinite lengths', () => {
    expect(() => renderTimeline([{ label: 'x', start: 500, end: 100 }], { until: 1000 })).toThrow(RangeError);
    expect(() => renderTimeline([{ label: 'x', start: -1, end: 100 }], { until: 1000 })).toThrow(RangeError);
    expect(() => renderTimeline([], { until: Infinity })).toThrow(RangeError);
    expect(() => renderTimeline([], { until: 100, msPerColumn: 0 })).toThrow(RangeError);
  });

  test('counts the most intervals open at one instant: one ending as the next starts is one after the other', () => {
    const serial = [{ start: 0, end: 1000 }, { start: 1000, end: 2000 }, { start: 2000, end: 3000 }];
    expect(maxInFlight(serial)).toBe(1);
    expect(maxInFlight([{ start: 0, end: 1000 }, { start: 0, end: 1000 }, { start: 1000, end: 2000 }])).toBe(2);
    expect(maxInFlight([{ start: 0, end: 1000 }, { start: 2, end: 1001 }, { start: 999, end: 1002 }])).toBe(3);
    expect(maxInFlight([{ start: 0 }, { start: 5000, end: 6000 }])).toBe(2);
    expect(maxInFlight([])).toBe(0);
  });
});
