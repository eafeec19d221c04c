// What a client needs to know of a job's status beyond its name.
import type { JobStatus } from './api/jobs';

/** A job in one of these states changes no more: its archive can be downloaded. */
export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'partial'];

export const isJobFinished = (status: JobStatus): boolean => FINISHED_JOB_STATUSES.includes(status);
