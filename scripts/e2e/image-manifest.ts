/**
 * A one-layer image manifest, stored by ECR as pushed (the emulator keeps manifests, not layers).
 * Each seed gives other digests: the project's repositories have immutable tags, so every push needs
 * an image of its own.
 */
export function imageManifest(seed: string, layerSeed = seed): string {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 2, digest: `sha256:${seed.repeat(64)}` },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: 32, digest: `sha256:${layerSeed.repeat(64)}` }],
  });
}
