import { consolePath } from '@hub/console-routes';
import { useId } from 'react';
import { Link, navigate } from '../router';
import { OBJECT_RELATIONSHIPS } from './documents';
import { relationshipGraph } from './relationship-graph';
import type { RelationshipGraph } from './relationship-graph';
import { useObjectRead } from './use-object-read';

/** A short id for a drawing: the type and the first block of the UUID. */
function shortId(id: string): string {
  const separator = id.indexOf('--');
  return separator > 0 ? `${id.slice(0, separator)} ${id.slice(separator + 2, separator + 10)}` : id;
}

/**
 * The relationships of the object as a graph (hand-written SVG), with the same facts as a list below
 * it, which is also the text alternative. The hub sends only relationships whose both ends the
 * person may follow, so every node is an object they may open.
 */
export function ObjectRelationships({ id }: { id: string }) {
  const read = useObjectRead(OBJECT_RELATIONSHIPS, id);
  const relationships = read.state === 'done' ? read.data.object?.relationships : undefined;
  const graph = relationships ? relationshipGraph(id, relationships.edges.map((edge) => edge.node)) : undefined;
  return (
    <section aria-labelledby="relationships-title" data-testid="object-relationships">
      <h2 id="relationships-title">Relationships</h2>
      {read.state === 'loading' ? <p aria-live="polite">Loading relationships…</p> : null}
      {read.state === 'failed' ? <p role="alert">{read.error.message}</p> : null}
      {relationships && !relationships.edges.length ? <p>No relationship of this object that you may read.</p> : null}
      {graph && relationships?.edges.length ? (
        <>
          <GraphDrawing graph={graph} count={relationships.totalCount} />
          <ul className="relationship-list" data-testid="relationship-list">
            {graph.edges.map((edge) => (
              <li key={edge.other}>
                {edge.labels.join(', ')}{' '}
                {edge.other === id ? 'this object itself' : <Link href={consolePath('object', { id: edge.other })}>{edge.other}</Link>}
              </li>
            ))}
          </ul>
          {relationships.totalCount > relationships.edges.length ? <p>The first {relationships.edges.length} of {relationships.totalCount} relationships are drawn.</p> : null}
        </>
      ) : null}
    </section>
  );
}

function GraphDrawing({ graph, count }: { graph: RelationshipGraph; count: number }) {
  const titleId = useId();
  const descId = useId();
  const centre = graph.nodes[0];
  const position = new Map(graph.nodes.map((node) => [node.id, node]));
  return (
    <figure className="relationship-graph">
      <svg viewBox={`0 0 ${graph.width} ${graph.height}`} role="img" aria-labelledby={`${titleId} ${descId}`} data-testid="relationship-graph">
        <title id={titleId}>Relationships of this object</title>
        <desc id={descId}>
          {count} relationships with {graph.nodes.length - 1} other objects; the list below names each.
        </desc>
        {graph.edges
          .filter((edge) => edge.other !== centre.id)
          .map((edge) => {
            const other = position.get(edge.other)!;
            return (
              <g key={edge.other} className="graph-edge">
                <line x1={centre.x} y1={centre.y} x2={other.x} y2={other.y} />
                <text x={(centre.x + other.x) / 2} y={(centre.y + other.y) / 2 - 4} textAnchor="middle">
                  {edge.labels.join(', ')}
                </text>
              </g>
            );
          })}
        {graph.nodes.map((node) => (
          <g
            key={node.id}
            className={node.centre ? 'graph-node graph-centre' : 'graph-node'}
            onClick={node.centre ? undefined : () => navigate(consolePath('object', { id: node.id }))}
            aria-hidden="true"
          >
            <circle cx={node.x} cy={node.y} r={node.centre ? 30 : 24} />
            <text x={node.x} y={node.y + (node.centre ? 44 : 38)} textAnchor="middle">
              {shortId(node.id)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
