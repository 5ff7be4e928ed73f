import { createContext, useContext } from 'react';
import type { GraphqlClient } from './api/graphql';
import type { ActiveSession } from './api/session';

export interface Console {
  session: ActiveSession | undefined;
  client: GraphqlClient;
  signOut(): Promise<void>;
  signedIn(session: ActiveSession): void;
}

export const ConsoleContext = createContext<Console | undefined>(undefined);

export function useConsole(): Console {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside the console');
  return value;
}
