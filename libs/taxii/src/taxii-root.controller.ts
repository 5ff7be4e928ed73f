import { All, Controller, Get, Param, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import type { MemberViewer } from '@hub/access';
import { HubError, MAX_REQUEST_BYTES } from '@hub/platform';
import { CurrentViewer, Public } from '@hub/members';
import type { Request, Response } from 'express';
import { TAXII_MEDIA_TYPE } from './http/media-type';
import { publicBaseUrl } from './http/public-base-url';
import { sendTaxii, TaxiiExceptionFilter, TaxiiMediaTypeInterceptor } from './http/taxii-http';
import { TaxiiStatusService } from './status/taxii-status.service';

/** The one API root of the hub, under the discovery URL. */
export const API_ROOT = 'hub';

/** Discovery (spec 4.1), the API root (4.2) and the status of POSTs (4.3). */
@Controller('taxii2')
@UseFilters(TaxiiExceptionFilter)
@UseInterceptors(TaxiiMediaTypeInterceptor)
export class TaxiiRootController {
  constructor(private readonly statuses: TaxiiStatusService) {}

  @Public()
  @Get()
  discovery(@Req() request: Request, @Res() response: Response): void {
    const apiRoot = `${publicBaseUrl(request)}/taxii2/${API_ROOT}/`;
    sendTaxii(response, 200, {
      title: 'Healthcare ISAC threat-sharing hub',
      description: 'STIX 2.1 shared under TLP 2.0. Authenticate with an API key (Bearer, X-API-Key, or HTTP Basic with the key as password).',
      default: apiRoot,
      api_roots: [apiRoot],
    });
  }

  @Public()
  @Get(API_ROOT)
  apiRoot(@Res() response: Response): void {
    sendTaxii(response, 200, {
      title: 'Hub',
      description: 'Collections per TLP level and per sharing group, and a collection to submit to',
      versions: [TAXII_MEDIA_TYPE],
      max_content_length: MAX_REQUEST_BYTES,
    });
  }

  @Get(`${API_ROOT}/status/:statusId`)
  async status(@CurrentViewer() viewer: MemberViewer, @Param('statusId') statusId: string, @Res() response: Response): Promise<void> {
    sendTaxii(response, 200, await this.statuses.find(viewer, statusId));
  }
}

/** Any other path under /taxii2/ (e.g. an API root that does not exist): a TAXII 404, not an HTML or Nest page. Registered last. */
@Controller('taxii2')
@UseFilters(TaxiiExceptionFilter)
export class TaxiiNotFoundController {
  @Public()
  @All('*path')
  notFound(@Req() request: Request): never {
    throw HubError.notFound(`${request.method} ${request.path} is not a TAXII 2.1 endpoint of this hub; discovery is at /taxii2/`);
  }
}
