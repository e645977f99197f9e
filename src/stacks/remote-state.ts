import { Construct } from 'constructs';
import { DataTerraformRemoteStateS3, Token } from 'cdktf';
import { FoundationConfig } from '../config/validate';
import { stateKey } from './backend';
import { OutputName, OutputValue, StackContract } from './contracts/contract';

/** Another stack's state, read only through the outputs its contract declares. */
export class StackState<C extends StackContract> {
  readonly remote: DataTerraformRemoteStateS3;

  constructor(
    scope: Construct,
    state: FoundationConfig['state'],
    readonly stackName: string,
    readonly contract: C,
  ) {
    this.remote = new DataTerraformRemoteStateS3(scope, stackName, {
      bucket: state.bucket,
      key: stateKey(state, stackName),
      region: state.region,
    });
  }

  /** A Terraform reference to the output, typed by its declared kind. */
  get<K extends OutputName<C>>(name: K): OutputValue<C[K]> {
    const spec = this.contract[name];
    if (!spec) throw new Error(`Stack ${this.stackName} declares no output "${name}"; declared: ${Object.keys(this.contract).join(', ')}`);
    switch (spec.type) {
      case 'list':
        return this.remote.getList(name) as OutputValue<C[K]>;
      case 'map':
        return Token.asStringMap(this.remote.get(name)) as OutputValue<C[K]>;
      case 'map-of-maps':
        return this.remote.get(name) as unknown as OutputValue<C[K]>;
      default:
        return this.remote.getString(name) as OutputValue<C[K]>;
    }
  }
}
