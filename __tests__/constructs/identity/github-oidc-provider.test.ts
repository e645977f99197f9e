import { TerraformOutput } from 'cdktf';
import { GithubOidcProvider } from '../../../src/constructs/identity/github-oidc-provider';
import { synthConstruct } from '../../helpers/synth';
import { only, ref } from '../../helpers/inspect';

describe('GithubOidcProvider', () => {
  const stack = synthConstruct((scope) => new TerraformOutput(scope, 'arn', { value: new GithubOidcProvider(scope, 'github').arn }));
  const [id, provider] = only(stack, 'aws_iam_openid_connect_provider');

  test('the GitHub Actions issuer, for STS only, without a thumbprint (IAM trusts GitHub\'s CA itself)', () => {
    const { ['//']: _metadata, ...args } = provider;
    expect(args).toEqual({ url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] });
  });

  test('arn is the provider\'s arn', () => {
    expect(stack.output!.arn.value).toBe(ref('aws_iam_openid_connect_provider', id, 'arn'));
  });
});
