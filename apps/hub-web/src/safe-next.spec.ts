import { safeNext } from './safe-next';

describe('safeNext (after sign-in)', () => {
  it.each([
    ['/objects/indicator--1?x=1', '/objects/indicator--1?x=1'],
    ['/feed?tlp=GREEN', '/feed?tlp=GREEN'],
  ])('keeps the console route %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it.each([undefined, '', 'https://evil.example/', '//evil.example/feed', '/\\evil.example', '/graphql', '/sign-in', 'feed', '/nowhere'])('sends %s to the feed', (next) => {
    expect(safeNext(next)).toBe('/feed');
  });
});
