import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access-metadata';

const DATABASE_TIMEOUT_MS = 2_000;

// Load balancers probe it without credentials.
@Public()
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** 200 when the database answers, 503 otherwise: load balancers take a replica out on 503. */
  @Get()
  async health(@Res() response: Response): Promise<void> {
    const databaseUp = await this.databaseAnswers();
    response
      .status(databaseUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: databaseUp ? 'ok' : 'unavailable', database: databaseUp ? 'up' : 'down', time: new Date().toISOString() });
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), DATABASE_TIMEOUT_MS);
    });
    const query = this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([query, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
