import { z } from 'zod';
import { ecrSchema } from './ecr-schema';
import { imageBuilderSchema } from './image-builder-schema';
import { snapshotsSchema } from './snapshots-schema';

/** The compute supply chain (issue 9): every part on by default, so the minimal config yields the whole layer. */
export const computeSchema = z
  .strictObject({
    /** ECR repositories in the primary Region, replicated one way to every other Region. */
    ecr: ecrSchema,
    /** EC2 Image Builder golden AMI, distributed to every Region on that Region's key. */
    imageBuilder: imageBuilderSchema,
    /** Data Lifecycle Manager snapshots with cross-Region copies, per Region. */
    snapshots: snapshotsSchema,
  })
  .prefault({});
