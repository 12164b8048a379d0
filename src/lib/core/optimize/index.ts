export * from './schema';
export * from './file-name';
export * from './same-file';
