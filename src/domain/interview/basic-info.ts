/** The basic information of a record: who, when, where, which cycle. A leaf: it imports nothing. */
export interface BasicInfo {
  readonly employeeId: string;
  readonly managerId: string;
  readonly participantIds: readonly string[];
  readonly department: string;
  readonly position: string;
  readonly cycle: string;
  /** UTC ISO-8601. */
  readonly scheduledAt: string;
  readonly location: string;
}

/** Basic information that may change after scheduling. Employee, manager, cycle and template may not. */
export type BasicInfoChanges = Partial<Pick<BasicInfo, 'participantIds' | 'department' | 'position' | 'scheduledAt' | 'location'>>;
