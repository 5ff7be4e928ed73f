import { relationshipGraph, stixTypeOf } from './relationship-graph';

const centre = 'indicator--00000000-0000-4000-8000-000000000001';
const malware = 'malware--00000000-0000-4000-8000-000000000002';
const actor = 'threat-actor--00000000-0000-4000-8000-000000000003';

function relationship(id: string, source: string, type: string, target: string) {
  return { id, stix: { type: 'relationship', source_ref: source, relationship_type: type, target_ref: target } };
}

describe('relationshipGraph', () => {
  it('puts the object in the middle and each other end once round it, with one line per other end', () => {
    const graph = relationshipGraph(centre, [
      relationship('relationship--1', centre, 'indicates', malware),
      relationship('relationship--2', actor, 'uses', centre),
      relationship('relationship--3', malware, 'related-to', centre),
    ]);
    expect(graph.nodes).toEqual([
      { id: centre, type: 'indicator', x: 320, y: 200, centre: true },
      { id: malware, type: 'malware', x: 320, y: 50, centre: false },
      { id: actor, type: 'threat-actor', x: 320, y: 350, centre: false },
    ]);
    expect(graph.edges).toEqual([
      { other: malware, labels: ['indicates →', '← related-to'], relationshipIds: ['relationship--1', 'relationship--3'] },
      { other: actor, labels: ['← uses'], relationshipIds: ['relationship--2'] },
    ]);
  });

  it('keeps a relationship of the object with itself as an edge without another node, and ignores one that does not touch it', () => {
    const graph = relationshipGraph(centre, [relationship('relationship--1', centre, 'related-to', centre), relationship('relationship--2', malware, 'uses', actor)]);
    expect(graph.nodes.map((node) => node.id)).toEqual([centre]);
    expect(graph.edges).toEqual([{ other: centre, labels: ['related-to →'], relationshipIds: ['relationship--1'] }]);
  });

  it('reads the STIX type from an id', () => {
    expect(stixTypeOf(actor)).toBe('threat-actor');
    expect(stixTypeOf('no-separator')).toBe('no-separator');
  });
});
