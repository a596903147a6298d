import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import type { Configuration } from 'electron-builder';
import { loadBrandDir } from '../../../branding/loadBrand';
import { appConfigFromBrand } from '../../../build/brand/appRuntimeConfig';
import { brandBuildPaths, builderConfigFor, SECURITY_FUSES } from '../../../build/brand/builderConfig';
import { validateBuilderConfig } from '../../../build/brand/validateBuilderConfig';
import { AppConfigFile, loadAppConfig } from '../../../main/config';

const require = createRequire(import.meta.url);
const brands = path.resolve(import.meta.dirname, '../../../build/brands');
const acme = loadBrandDir(path.join(brands, 'acme')).brand;
const neutral = loadBrandDir(path.join(brands, 'default')).brand;
const electronVersion = (require('electron/package.json') as { version: string }).version;

/** electron-builder's own JSON schema of its configuration, as shipped in app-builder-lib. */
function builderSchemaValidator() {
  const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  // electron-builder's schema uses ajv-keywords' "typeof" for options that may be functions.
  ajv.addKeyword({ keyword: 'typeof', validate: (expected: string, data: unknown) => typeof data === expected });
  return ajv.compile(schema);
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`).join('\n');
}

const acmeConfig = builderConfigFor(acme, brandBuildPaths('acme'), { electronVersion });
const neutralConfig = builderConfigFor(neutral, brandBuildPaths('default'), { electronVersion });

describe('generated electron-builder configuration', () => {
  const validate = builderSchemaValidator();

  for (const [name, config] of [['acme', acmeConfig], ['default', neutralConfig]] as const) {
    it(`validates against electron-builder's JSON schema (${name} brand)`, () => {
      // Through JSON, as build/dist.ts writes it to dist/brand/<id>/electron-builder.json.
      const written = JSON.parse(JSON.stringify(config)) as Configuration;
      assert.ok(validate(written), describeErrors(validate.errors));
    });
  }

  it('passes electron-builder\'s own validator, which refuses a misspelt option', async () => {
    await validateBuilderConfig(acmeConfig);
    await validateBuilderConfig(neutralConfig);
    await assert.rejects(validateBuilderConfig({ ...acmeConfig, nsis: { oneClik: true } as never }), /configuration\.nsis/);
  });

  it('notices a configuration electron-builder would refuse (the validator is not a rubber stamp)', () => {
    assert.equal(validate({ ...acmeConfig, win: { target: ['nsis'], publisherNam: 'typo' } }), false);
    assert.match(describeErrors(validate.errors), /publisherNam/);
  });

  it('takes app id, name, publisher and link scheme from the brand', () => {
    assert.equal(acmeConfig.appId, 'com.acme-example.remotehelp');
    assert.equal(acmeConfig.productName, 'Acme Remote Help');
    assert.deepEqual(acmeConfig.protocols, [{ name: 'Acme Remote Help link', schemes: ['acme-help'], role: 'Viewer' }]);
    assert.deepEqual(acmeConfig.win?.signtoolOptions?.publisherName, ['Acme Example GmbH']);
    assert.equal(acmeConfig.win?.verifyUpdateCodeSignature, true);
    assert.equal(acmeConfig.linux?.maintainer, 'Acme Example GmbH');
    assert.match(String(acmeConfig.copyright), /Acme Example GmbH/);
  });

  it('sets the security fuses (the inspector only for a test build)', () => {
    assert.deepEqual(acmeConfig.electronFuses, {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    const testBuild = builderConfigFor(acme, brandBuildPaths('acme'), { electronVersion, allowInspector: true });
    assert.deepEqual(testBuild.electronFuses, { ...SECURITY_FUSES, enableNodeCliInspectArguments: true });
  });

  it('builds NSIS + MSI, dmg + pkg (+ zip for updates), AppImage + deb, with the generated icons', () => {
    assert.deepEqual(acmeConfig.win?.target, ['nsis', 'msi']);
    assert.deepEqual(acmeConfig.mac?.target, ['dmg', 'pkg', 'zip']);
    assert.deepEqual(acmeConfig.linux?.target, ['AppImage', 'deb']);
    assert.equal(acmeConfig.win?.icon, 'dist/brand/acme/resources/icons/icon.ico');
    assert.equal(acmeConfig.mac?.icon, 'dist/brand/acme/resources/icons/icon.icns');
    assert.equal(acmeConfig.linux?.icon, 'dist/brand/acme/resources/icons/png');
  });

  it('publishes updates to the brand\'s generic feed, and nowhere without one', () => {
    assert.deepEqual(acmeConfig.publish, [{ provider: 'generic', url: 'https://updates.acme.example/remote-help/' }]);
    assert.equal(neutralConfig.publish, null);
  });

  it('packages the Electron the app was built with, or the one given in ELECTRON_DIST', () => {
    assert.equal(acmeConfig.electronVersion, electronVersion);
    assert.equal(acmeConfig.electronDist, undefined);
    const offline = builderConfigFor(acme, brandBuildPaths('acme'), { electronVersion, electronDist: '/opt/electron-v41' });
    assert.equal(offline.electronDist, '/opt/electron-v41');
  });
});

describe('the app\'s runtime config from a brand', () => {
  it('is a valid app-config.json that connects to the brand\'s server and allows its links', () => {
    const file = appConfigFromBrand(acme);
    AppConfigFile.parse(file);
    const config = loadAppConfig({ file, argv: [], env: {} });
    assert.equal(config.productName, 'Acme Remote Help');
    assert.equal(config.serverUrl, 'https://help.acme.example');
    assert.deepEqual(config.allowedServers, ['https://help.acme.example', 'https://help-eu.acme.example']);
    assert.equal(config.deepLinkScheme, 'acme-help');
    assert.deepEqual(config.externalLinkOrigins, ['https://www.acme.example']);
    assert.equal(config.updateFeedUrl, 'https://updates.acme.example/remote-help/');
  });

  it('matches main/app-config.json (what `npm run app` uses) for the neutral brand', () => {
    const devConfig = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../main/app-config.json'), 'utf8')) as unknown;
    assert.deepEqual(appConfigFromBrand(neutral), devConfig);
  });

  it('has no update feed for the neutral brand', () => {
    assert.equal(loadAppConfig({ file: appConfigFromBrand(neutral), argv: [], env: {} }).updateFeedUrl, undefined);
  });
});
