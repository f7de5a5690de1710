/**
 * The read models' secondary indexes: ONE list, which every read-model store creates at start
 * (src/server/app.ts openReadModels) and the MongoDB store recreates after a rebuild drops its
 * collections. Each serves a query in src/application/queries (equality fields first, then the
 * sort field; the store appends the id for keyset pages).
 */
import { ANALYTICS_INDEXES } from './analytics.docs';
import { ALERTS, ALERT_READS } from './alert.projection';
import { INTERVIEWS, INTERVIEW_VERSIONS, SUPPORT_NEEDS, TASKS } from './interview.projection';
import { NOTIFICATIONS } from './reminder.projection';
import { CHANGES } from './projector';
import { CHECKPOINTS_COLLECTION, COSIGNATURES_COLLECTION } from '../ledger/merkle-log';

export interface ReadModelIndex {
  readonly collection: string;
  readonly fields: readonly string[];
  /**
   * The first field is an array queried by membership (FindQuery.contains). MongoDB indexes
   * each element (a multikey index); SQLite's expression index would hold the array's JSON
   * text, which no membership test can use, so stores that cannot index elements skip it.
   */
  readonly elements?: true;
}

export const READ_MODEL_INDEXES: readonly ReadModelIndex[] = [
  { collection: INTERVIEWS, fields: ['scheduledAt'] },
  // An employee's and a manager's own interviews, newest first (the list for those roles).
  { collection: INTERVIEWS, fields: ['employeeId', 'scheduledAt'] },
  { collection: INTERVIEWS, fields: ['managerId', 'scheduledAt'] },
  { collection: INTERVIEWS, fields: ['open', 'stepDueAt'] },
  { collection: TASKS, fields: ['assigneeId', 'dueAt'] },
  { collection: SUPPORT_NEEDS, fields: ['open', 'updatedAt'] },
  // A record's history is read by interview id in stream order (history, compare, the mapper).
  { collection: INTERVIEW_VERSIONS, fields: ['interviewId', 'revision'] },
  ...ANALYTICS_INDEXES.map(([collection, fields]) => ({ collection, fields })),
  { collection: ALERTS, fields: ['createdAt'] },
  { collection: ALERT_READS, fields: ['at'] },
  // The viewer's notifications, newest first: by audience member on MongoDB, by time on SQLite.
  { collection: NOTIFICATIONS, fields: ['audience', 'recordedAt'], elements: true },
  { collection: NOTIFICATIONS, fields: ['recordedAt'] },
  // Every instance reads the committed changes in order (src/projections/projector.ts).
  { collection: CHANGES, fields: ['seq'] },
  // The Merkle log reads its signed record by id every few seconds (MongoDB sorts on _id already).
  { collection: CHECKPOINTS_COLLECTION, fields: ['id'] },
  { collection: COSIGNATURES_COLLECTION, fields: ['id'] },
];
