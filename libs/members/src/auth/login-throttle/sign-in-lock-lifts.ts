import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isIP } from 'node:net';
import { AuditService } from '@hub/audit';
import { HubError } from '@hub/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../shared/actor';
import { addressBucket } from './address-bucket';

/** What the lock of an account or of an address is counted under (and lifted by). */
export const accountSubject = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressSubject = (ip: string | undefined) => `address:${addressBucket(ip)}`;

/**
 * Lifted sign-in locks, in the database every replica and the operators' command line share (the
 * counts themselves live in memory or Redis). Each lift raises the subject's generation, which is
 * part of the counter key: the next attempt starts a fresh count.
 */
@Injectable()
export class SignInLockLifts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The current generation of each subject (0 for one never lifted). */
  async generations(subjects: string[]): Promise<Map<string, number>> {
    const rows = (await this.dataSource.query('SELECT subject, generation FROM sign_in_lock_lift WHERE subject = ANY($1::text[])', [subjects])) as {
      subject: string;
      generation: number;
    }[];
    return new Map(rows.map((row) => [row.subject, row.generation]));
  }

  /** Starts a fresh count for the subject, in the caller's transaction (with its audit row). */
  async lift(subject: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO sign_in_lock_lift (subject, generation) VALUES ($1, 1)
       ON CONFLICT (subject) DO UPDATE SET generation = sign_in_lock_lift.generation + 1, lifted_at = now()`,
      [subject],
    );
  }

  /**
   * Lets sign-ins from an address (an IPv4 address, or the IPv6 /64 it is in) be tried again, e.g.
   * for a hospital whose shared address was locked by someone guessing. Returns what was lifted.
   */
  async liftAddress(addressInput: unknown, actor: Actor): Promise<string> {
    const address = typeof addressInput === 'string' ? addressInput.trim() : '';
    if (!isIP(address)) throw HubError.badInput('Give an IP address', [{ path: 'address', message: 'must be an IPv4 or IPv6 address' }]);
    const bucket = addressBucket(address);
    await this.dataSource.transaction(async (manager) => {
      await this.lift(addressSubject(address), manager);
      await this.audit.record({ action: 'auth.sign_in_lock_lift', viewer: actor.viewer, ip: actor.ip, details: { address: bucket } }, manager);
    });
    return bucket;
  }
}
