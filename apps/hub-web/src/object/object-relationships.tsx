import { consolePath } from '@hub/console-routes';
import { useEffect, useId, useState } from 'react';
import { Link, navigate } from '../router';
import { useConsole } from '../session-context';
import { objectTitle } from '../stix-display';
import { OBJECT_RELATIONSHIPS, RELATED_END } from './documents';
import { relationshipGraph } from './relationship-graph';
import type { RelationshipGraph } from './relationship-graph';
import { useObjectRead } from './use-object-read';

// The other ends named on the graph: one small read each, for at most this many.
const NAMED_ENDS = 24;

/** A short id for a drawing: the type and the first block of the UUID. */
function shortId(id: string): string {
  const separator = id.indexOf('--');
  return separator > 0 ? `${id.slice(0, separator)} ${id.slice(separator + 2, separator + 10)}` : id;
}

function shortened(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** The names of the other ends (their title, as everywhere in the console); an end not answered keeps its id. */
function useEndNames(ids: readonly string[]): Map<string, string> {
  const hub = useConsole();
  const [names, setNames] = useState(new Map<string, string>());
  const key = ids.join(' ');
  useEffect(() => {
    let current = true;
    const wanted = key ? key.split(' ').slice(0, NAMED_ENDS) : [];
    void Promise.all(
      wanted.map((id) =>
        hub.client.request(RELATED_END, { id }).then(
          (data) => [id, data.object ? objectTitle(data.object.stix, id) : undefined] as const,
          () => [id, undefined] as const,
        ),
      ),
    ).then((found) => {
      if (current) setNames(new Map(found.filter((entry): entry is readonly [string, string] => entry[1] !== undefined && entry[1] !== entry[0])));
    });
    return () => {
      current = false;
    };
  }, [hub.client, key]);
  return names;
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
  const names = useEndNames(graph ? graph.nodes.filter((node) => !node.centre).map((node) => node.id) : []);
  return (
    <section aria-labelledby="relationships-title" data-testid="object-relationships">
      <h2 id="relationships-title">Relationships</h2>
      {read.state === 'loading' ? <p aria-live="polite">Loading relationships…</p> : null}
      {read.state === 'failed' ? <p role="alert">{read.error.message}</p> : null}
      {relationships && !relationships.edges.length ? <p>No relationship of this object that you may read.</p> : null}
      {graph && relationships?.edges.length ? (
        <>
          <GraphDrawing graph={graph} count={relationships.totalCount} names={names} />
          <ul className="relationship-list" data-testid="relationship-list">
            {graph.edges.map((edge) => (
              <li key={edge.other}>
                {edge.labels.join(', ')}{' '}
                {edge.other === id ? 'this object itself' : <Link href={consolePath('object', { id: edge.other })}>{names.get(edge.other) ?? edge.other}</Link>}
                {names.has(edge.other) ? <span className="meta"> ({edge.other})</span> : null}
              </li>
            ))}
          </ul>
          {relationships.totalCount > relationships.edges.length ? <p>The first {relationships.edges.length} of {relationships.totalCount} relationships are drawn.</p> : null}
        </>
      ) : null}
    </section>
  );
}

function GraphDrawing({ graph, count, names }: { graph: RelationshipGraph; count: number; names: ReadonlyMap<string, string> }) {
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
              {node.centre || !names.has(node.id) ? shortId(node.id) : shortened(names.get(node.id)!, 28)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
