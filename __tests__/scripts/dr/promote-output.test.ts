import { nextStepLines, promoteJson, stepLines } from '../../../scripts/dr/promote-output';
import { PromoteResult } from '../../../scripts/dr/promote';

const result: PromoteResult = {
  target: 'us-west-2',
  dryRun: false,
  ok: true,
  steps: [
    { number: '1.1', title: 'secret app/db: writable in us-west-2', status: 'done' },
    { number: '2.1', title: 'ECR: no replication from us-east-1', status: 'skipped', detail: 'unreachable: us-east-1: ...; run promote again when it is back' },
    { number: '3.1', title: 'traffic', status: 'already so', detail: 'acme-us-west-2 On' },
  ],
};

describe('promote output', () => {
  test('one numbered line per step with its status; why for skipped and failed on the same line', () => {
    expect(stepLines(result)).toEqual([
      '1.1  done        secret app/db: writable in us-west-2',
      '2.1  skipped     ECR: no replication from us-east-1 (unreachable: us-east-1: ...; run promote again when it is back)',
      '3.1  already so  traffic',
      '       acme-us-west-2 On',
    ]);
  });

  test('the next step names the config file and the Region', () => {
    expect(nextStepLines(result, 'config/prod.json')).toEqual([
      'Next:',
      '  1. set "activeRegion": "us-west-2" in config/prod.json',
      '  2. npm run plan: the summary must show no delete or replace of a key, bucket, secret or repository',
      '  3. apply (stacks in deploy order), then npm run readiness and npm run dr -- status (docs/dr-playbook.md)',
    ]);
    expect(JSON.parse(promoteJson(result, 'config/prod.json')).next).toEqual({ activeRegion: 'us-west-2', configFile: 'config/prod.json' });
  });

  test('after a FAILED step or a dry run there is no config change to make', () => {
    expect(nextStepLines({ ...result, ok: false }, 'c.json')[0]).toMatch(/^Not promoted/);
    expect(nextStepLines({ ...result, dryRun: true }, 'c.json')[0]).toMatch(/^Dry run: nothing was changed/);
    expect(JSON.parse(promoteJson({ ...result, dryRun: true }, 'c.json')).next).toBeUndefined();
  });
});
