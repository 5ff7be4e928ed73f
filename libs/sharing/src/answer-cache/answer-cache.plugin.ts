import type { ApolloServerPlugin } from '@apollo/server';

const ANSWERED_WITHOUT_ERRORS = Symbol('answeredWithoutErrors');

type MarkedRequest = object & { [ANSWERED_WITHOUT_ERRORS]?: true };

/** Whether GraphQL answered this request completely: one result, HTTP 200, no error of any kind. */
export function answeredWithoutErrors(request: object): boolean {
  return (request as MarkedRequest)[ANSWERED_WITHOUT_ERRORS] === true;
}

/**
 * Marks the requests whose answer the answer cache may keep. Only Apollo knows whether an answer
 * holds errors (a refused credential, a query over the limits, a failed read); such answers are
 * never kept, so the cache never has to know why they failed.
 */
export function answerCachePlugin(): ApolloServerPlugin<{ req?: object }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const complete = single !== undefined && !single.errors?.length && (response.http.status ?? 200) === 200;
          if (complete && contextValue.req) (contextValue.req as MarkedRequest)[ANSWERED_WITHOUT_ERRORS] = true;
        },
      };
    },
  };
}
