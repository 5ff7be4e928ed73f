import { clientIpOf } from '@hub/platform';
import CustomStrategy from 'passport-custom';
import { readCredential } from '../credential';
import { ViewerService } from '../viewer.service';

export const API_KEY_STRATEGY = 'hub-api-key';

/** API keys: `Authorization: Bearer hubk_…`, `X-API-Key: hubk_…` or HTTP Basic with the key as password. */
export function createApiKeyStrategy(viewers: ViewerService): CustomStrategy {
  return new CustomStrategy((request, done) => {
    const credential = readCredential(request.headers);
    if (credential.kind !== 'api-key') return done(null, false);
    viewers.viewerForApiKey(credential.key, clientIpOf(request)).then(
      (viewer) => done(null, viewer),
      (error: unknown) => done(error),
    );
  });
}
