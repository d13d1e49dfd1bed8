/** Backup and restore of the whole data set (`sot backup` / `sot restore`). */
export { type BackupOptions, type BackupProgress, type BackupSummary, backupDatabase } from './backup.js';
export { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupHeader, type BackupTrailer } from './format.js';
export {
  isDatabaseEmpty,
  type RestoreOptions,
  type RestoreProgress,
  type RestoreSummary,
  restoreDatabase,
  type VerifiedBackup,
  verifyBackup,
} from './restore.js';
