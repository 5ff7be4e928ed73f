import { useEffect, useState } from 'react';
import { GraphqlRequestError } from '../api/graphql';
import type { TypedDocument } from '../api/graphql';
import { useConsole } from '../session-context';

const NOT_ANSWERED = new GraphqlRequestError([{ message: 'The hub did not answer; try again', fieldErrors: [] }]);

export type ObjectRead<T> = { state: 'loading' } | { state: 'failed'; error: GraphqlRequestError } | { state: 'done'; data: T };

/** One read about the object `id` (its versions, relationships, sightings), again whenever the id changes. */
export function useObjectRead<T>(document: TypedDocument<T, { id: string }>, id: string): ObjectRead<T> {
  const hub = useConsole();
  const [read, setRead] = useState<ObjectRead<T>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    setRead({ state: 'loading' });
    hub.client.request(document, { id }).then(
      (data) => current && setRead({ state: 'done', data }),
      (reason: unknown) => current && setRead({ state: 'failed', error: reason instanceof GraphqlRequestError ? reason : NOT_ANSWERED }),
    );
    return () => {
      current = false;
    };
  }, [hub.client, document, id]);
  return read;
}
