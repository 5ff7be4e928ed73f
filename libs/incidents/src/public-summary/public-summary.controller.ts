import { Controller, Get } from '@nestjs/common';
import { Public } from '@hub/platform';
import { PublicImpactSummary, PublicSummaryService } from './public-summary.service';

// What the ISAC may publish: anyone may read it, without signing in.
@Public()
@Controller('public')
export class PublicSummaryController {
  constructor(private readonly summaries: PublicSummaryService) {}

  @Get('impact-summary')
  async impactSummary(): Promise<PublicImpactSummary> {
    return this.summaries.summary();
  }
}
