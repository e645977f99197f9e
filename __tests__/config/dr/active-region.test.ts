import { validateConfig } from '../../../src/config/validate';
import { activeRegionCrossChecks } from '../../../src/config/dr/active-region';
import { BASE_CONFIG } from '../../helpers/synth';
import { problemsOf } from '../../helpers/config-files';


describe('activeRegion', () => {
  test('defaults to the primary Region', () => {
    expect(validateConfig(BASE_CONFIG).activeRegion).toBe(BASE_CONFIG.primaryRegion);
  });

  test('keeps a listed Region', () => {
    const other = BASE_CONFIG.regions.map((r) => r.name).find((n) => n !== BASE_CONFIG.primaryRegion)!;
    expect(validateConfig({ ...BASE_CONFIG, activeRegion: other }).activeRegion).toBe(other);
  });

  test('an unlisted Region names the key, the value and the listed Regions', () => {
    const message = problemsOf({ ...BASE_CONFIG, activeRegion: 'ap-south-1' });
    expect(message).toContain('activeRegion');
    expect(message).toContain('"ap-south-1"');
    expect(message).toContain(`expected one of ${BASE_CONFIG.regions.map((r) => r.name).join(', ')}`);
  });

  test('a near miss of a listed Region gets a suggestion', () => {
    expect(activeRegionCrossChecks({ ...BASE_CONFIG, activeRegion: 'eu-west-2' })[0].message).toMatch(/did you mean "eu-west-1"/);
  });

  test('an unknown name is reported once, by the schema', () => {
    const message = problemsOf({ ...BASE_CONFIG, activeRegion: 'mars-1' });
    expect(message.match(/activeRegion/g)).toHaveLength(1);
    expect(activeRegionCrossChecks({ ...BASE_CONFIG, activeRegion: 'mars-1' })).toEqual([]);
  });
});
