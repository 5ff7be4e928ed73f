import type { Request } from 'express';
import { Strategy as LocalStrategy } from 'passport-local';
import { clientIpOf } from '@hub/platform';
import { LoginService } from '../login.service';

export const LOGIN_STRATEGY = 'hub-login';

/** E-mail address and password, behind the `login` mutation. */
export function createLoginStrategy(logins: LoginService): LocalStrategy {
  return new LocalStrategy(
    { usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false },
    (request: Request, email: string, password: string, done: (error: unknown, user?: Express.User | false) => void) => {
      logins.verify(email, password, clientIpOf(request)).then(
        (user) => done(null, user),
        (error: unknown) => done(error),
      );
    },
  );
}
