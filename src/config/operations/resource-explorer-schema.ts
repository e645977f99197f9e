import { z } from 'zod';

/**
 * `operations.resourceExplorer`: AWS Resource Explorer as the foundation's cross-Region inventory
 * (the EC2 Global View analog that infrastructure code can own). Resource Explorer itself has no
 * charge, so it is on by default.
 */
export const resourceExplorerSchema = z
  .strictObject({
    /**
     * A local index in every configured Region, the account's aggregator index in the primary Region
     * and, there, a view of the project's resources (filtered on the FoundationProject tag). An
     * account has one index per Region and one aggregator: turn this off where Resource Explorer is
     * already managed outside the foundation (or import those indexes). Resource Explorer has no
     * charge. @default true
     */
    enable: z.boolean({ error: 'expected true or false' }).default(true),
  })
  .prefault({});

export type ResourceExplorerConfig = z.infer<typeof resourceExplorerSchema>;
