/**
 * The relationships around one object, shaped for drawing: the object in the middle, every other
 * end once on a circle around it, one line per relationship (several between the same two objects
 * share the line and list their types). Pure, so it is unit-tested; relationship-graph.tsx draws it.
 */
export interface GraphRelationship {
  id: string;
  stix: unknown;
}

export interface GraphNode {
  id: string;
  /** The STIX type, read from the id (`malware--…`). */
  type: string;
  x: number;
  y: number;
  centre: boolean;
}

export interface GraphEdge {
  /** The other end; the centre for a relationship of the object with itself. */
  other: string;
  /** `relationship_type`s of the relationships on this line, as `uses →` (centre is the source) or `← indicates`. */
  labels: string[];
  relationshipIds: string[];
}

export interface RelationshipGraph {
  width: number;
  height: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export const GRAPH_WIDTH = 640;
export const GRAPH_HEIGHT = 400;
const RADIUS = 150;

export function stixTypeOf(id: string): string {
  const separator = id.indexOf('--');
  return separator > 0 ? id.slice(0, separator) : id;
}

export function relationshipGraph(centreId: string, relationships: readonly GraphRelationship[]): RelationshipGraph {
  const edges = new Map<string, GraphEdge>();
  for (const relationship of relationships) {
    const stix = (relationship.stix ?? {}) as Record<string, unknown>;
    const source = typeof stix.source_ref === 'string' ? stix.source_ref : undefined;
    const target = typeof stix.target_ref === 'string' ? stix.target_ref : undefined;
    if (source !== centreId && target !== centreId) continue;
    const outgoing = source === centreId;
    const other = (outgoing ? target : source) ?? centreId;
    const type = typeof stix.relationship_type === 'string' ? stix.relationship_type : 'related-to';
    const edge = edges.get(other) ?? { other, labels: [], relationshipIds: [] };
    edge.labels.push(outgoing ? `${type} →` : `← ${type}`);
    edge.relationshipIds.push(relationship.id);
    edges.set(other, edge);
  }
  const others = [...edges.keys()].filter((id) => id !== centreId);
  const centre: GraphNode = { id: centreId, type: stixTypeOf(centreId), x: GRAPH_WIDTH / 2, y: GRAPH_HEIGHT / 2, centre: true };
  const nodes = [
    centre,
    ...others.map((id, index) => {
      // Evenly round the circle, the first one straight above the centre.
      const angle = (2 * Math.PI * index) / others.length - Math.PI / 2;
      return { id, type: stixTypeOf(id), x: round(centre.x + RADIUS * Math.cos(angle)), y: round(centre.y + RADIUS * Math.sin(angle)), centre: false };
    }),
  ];
  return { width: GRAPH_WIDTH, height: GRAPH_HEIGHT, nodes, edges: [...edges.values()] };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
