import type { StudioDatabase, StudioJobRow, StyleRow } from './database';

/** Long AI jobs a studio started (Transform's videos and 3D models), kept until their result is. */
export const putStudioJob = (db: StudioDatabase, row: StudioJobRow) => db.studioJobs.put(row);

export const studioJobsOldestFirst = (db: StudioDatabase): Promise<StudioJobRow[]> =>
  db.studioJobs.orderBy('createdAt').toArray();

export const deleteStudioJob = (db: StudioDatabase, id: string) => db.studioJobs.delete(id);

/** Control's style references, on this device only. */
export const putStyle = (db: StudioDatabase, row: StyleRow) => db.styles.put(row);

export const stylesNewestFirst = (db: StudioDatabase): Promise<StyleRow[]> =>
  db.styles.orderBy('createdAt').reverse().toArray();

export const deleteStyle = (db: StudioDatabase, id: string) => db.styles.delete(id);
