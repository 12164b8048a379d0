export * from './schema';
export * from './file-name';
