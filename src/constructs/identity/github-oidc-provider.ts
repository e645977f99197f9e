import { Construct } from 'constructs';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_URL } from '../../aws/github-oidc';

/**
 * The account's IAM OIDC provider for GitHub Actions tokens, for STS only. No thumbprint: IAM
 * checks GitHub's certificate against its own trusted root CAs. IAM allows one provider per URL
 * and account, so an account that has one already names it in `security.iam.githubOidc.providerArn`.
 */
export class GithubOidcProvider extends Construct {
  readonly provider: IamOpenidConnectProvider;
  readonly arn: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.provider = new IamOpenidConnectProvider(this, 'provider', { url: GITHUB_OIDC_URL, clientIdList: [GITHUB_OIDC_AUDIENCE] });
    this.arn = this.provider.arn;
  }
}
