import { z } from 'zod';
import { resourceExplorerSchema } from './resource-explorer-schema';

/** Running the foundation across Regions (issue 12): inventory and, later, readiness and recovery. */
export const operationsSchema = z
  .strictObject({
    /** AWS Resource Explorer: an index per Region, the aggregator in the primary, a view of the project. */
    resourceExplorer: resourceExplorerSchema,
  })
  .prefault({});

export type OperationsConfig = z.infer<typeof operationsSchema>;
