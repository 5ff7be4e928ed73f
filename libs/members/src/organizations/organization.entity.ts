import type { OrganizationKind } from '@hub/access';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Sector } from './sector';
import type { OrganizationSize } from './size';
import type { OrganizationIdentity } from './stix-identity';

@Entity({ name: 'organization' })
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: OrganizationKind;

  @Column({ type: 'text' })
  sector: Sector;

  /** ISO 3166-1 alpha-2; null only for the hub operator organisation made at first start, until an admin sets it. */
  @Column({ type: 'text', nullable: true })
  country: string | null;

  /** Optional; figures grouped by size count an organisation without one under "(none)". */
  @Column({ type: 'text', nullable: true })
  size: OrganizationSize | null;

  @Column({ name: 'identity_id', type: 'text' })
  identityId: string;

  @Column({ type: 'jsonb' })
  identity: OrganizationIdentity;

  /** The organisation that runs the hub, made at first start. */
  @Column({ name: 'is_operator', type: 'boolean', default: false })
  isOperator: boolean;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;
}
