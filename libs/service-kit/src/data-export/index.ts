export * from './export-archive';
export * from './export-section';
export * from './data-export.module';
