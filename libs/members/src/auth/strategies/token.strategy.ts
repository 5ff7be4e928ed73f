import CustomStrategy from 'passport-custom';
import { readCredential } from '../credential';
import { ViewerService } from '../viewer.service';

export const TOKEN_STRATEGY = 'hub-token';

/** `Authorization: Bearer <login token>`; passes on requests that carry another kind of credential. */
export function createTokenStrategy(viewers: ViewerService): CustomStrategy {
  return new CustomStrategy((request, done) => {
    const credential = readCredential(request.headers);
    if (credential.kind !== 'token') return done(null, false);
    viewers.viewerForToken(credential.token).then(
      (viewer) => done(null, viewer),
      (error: unknown) => done(error),
    );
  });
}
