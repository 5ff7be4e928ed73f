import { bundleObjects } from './stix-objects-stream';

async function all(text: string, size: number) {
  async function* chunks() {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  const out = [];
  for await (const item of bundleObjects(chunks())) out.push(item);
  return out;
}

describe('bundleObjects', () => {
  const bundle = JSON.stringify({ type: 'bundle', id: 'bundle--1', note: { objects: [1] }, objects: [{ id: 'a', s: 'x"}]{[' }, 7, { id: 'b', nested: { objects: [{}] } }], spec_version: '2.0' });

  it.each([1, 3, 7, 1000])('yields the objects of the top-level array whatever the chunk size (%i)', async (size) => {
    expect(await all(bundle, size)).toEqual([
      { ok: true, object: { id: 'a', s: 'x"}]{[' } },
      { ok: false, message: 'is not an object' },
      { ok: true, object: { id: 'b', nested: { objects: [{}] } } },
    ]);
  });

  it('refuses what is not a bundle, and a bundle cut short', async () => {
    await expect(all('[1,2]', 10)).rejects.toThrow(/not a STIX bundle/);
    await expect(all('', 10)).rejects.toThrow(/not a STIX bundle/);
    await expect(all('{"objects":[{"id":"a"},{"id"', 10)).rejects.toThrow(/ends inside/);
  });
});
