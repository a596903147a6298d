import { strict as assert } from 'node:assert';
import { loadConfig } from '../../../../../signaling/server/config';

const PROVIDER = { OIDC_ISSUER: 'https://login.example.com/realms/support', OIDC_CLIENT_ID: 'screenshare', OIDC_CLIENT_SECRET: 's3cret' };

describe('sign-in configuration (LOCAL_SIGN_IN, OIDC_*)', () => {
  it('has local passwords and no identity provider by default', () => {
    assert.deepEqual(loadConfig({}).signIn, { localSignIn: true, oidc: undefined });
  });

  it('reads the provider with its documented defaults', () => {
    const { oidc, localSignIn } = loadConfig({ ...PROVIDER, LOCAL_SIGN_IN: 'false' }).signIn;
    assert.equal(localSignIn, false);
    assert.equal(oidc?.issuer.href, 'https://login.example.com/realms/support');
    assert.equal(oidc?.clientId, 'screenshare');
    assert.equal(oidc?.clientSecret, 's3cret');
    assert.equal(oidc?.providerName, 'login.example.com');
    assert.equal(oidc?.scopes, 'openid profile email');
    assert.deepEqual(oidc?.claims, { username: 'preferred_username', displayName: 'name', role: 'roles', supervisorValues: ['supervisor'] });
  });

  it('takes the button name, scopes and claims from their variables', () => {
    const { oidc } = loadConfig({
      ...PROVIDER,
      OIDC_PROVIDER_NAME: 'Contoso',
      OIDC_SCOPES: 'openid  profile groups',
      OIDC_USERNAME_CLAIM: 'email',
      OIDC_DISPLAY_NAME_CLAIM: 'given_name',
      OIDC_ROLE_CLAIM: 'realm_access.roles',
      OIDC_SUPERVISOR_VALUES: 'support-leads, supervisor',
    }).signIn;
    assert.equal(oidc?.providerName, 'Contoso');
    assert.equal(oidc?.scopes, 'openid profile groups');
    assert.deepEqual(oidc?.claims, { username: 'email', displayName: 'given_name', role: 'realm_access.roles', supervisorValues: ['support-leads', 'supervisor'] });
  });

  it('allows a public client (no secret) and http only for a provider on this machine', () => {
    assert.equal(loadConfig({ OIDC_ISSUER: 'http://127.0.0.1:9000', OIDC_CLIENT_ID: 'x' }).signIn.oidc?.clientSecret, undefined);
    assert.throws(() => loadConfig({ OIDC_ISSUER: 'http://login.example.com', OIDC_CLIENT_ID: 'x' }), /OIDC_ISSUER: must be an https:\/\/ URL/);
  });

  it('names each missing or wrong variable', () => {
    assert.throws(() => loadConfig({ OIDC_ISSUER: 'https://login.example.com' }), /OIDC_CLIENT_ID: is required with OIDC_ISSUER/);
    assert.throws(() => loadConfig({ OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' }), /OIDC_ISSUER: is required when OIDC_CLIENT_ID, OIDC_CLIENT_SECRET are set/);
    assert.throws(() => loadConfig({ ...PROVIDER, OIDC_ISSUER: 'login.example.com' }), /OIDC_ISSUER: must be the identity provider's issuer URL/);
    assert.throws(() => loadConfig({ LOCAL_SIGN_IN: 'false' }), /LOCAL_SIGN_IN: false needs OIDC_ISSUER/);
    assert.throws(() => loadConfig({ LOCAL_SIGN_IN: 'no' }), /LOCAL_SIGN_IN: must be true or false/);
    assert.throws(() => loadConfig({ ...PROVIDER, OIDC_SCOPES: 'profile email' }), /OIDC_SCOPES: must include openid/);
    assert.throws(() => loadConfig({ ...PROVIDER, OIDC_ROLE_CLAIM: 'roles[0]' }), /OIDC_ROLE_CLAIM: must be a claim name/);
    assert.throws(() => loadConfig({ ...PROVIDER, OIDC_SUPERVISOR_VALUES: ' , ' }), /OIDC_SUPERVISOR_VALUES: must name at least one value/);
  });

  it('needs PUBLIC_URL in production, where the redirect URI must be the registered one', () => {
    assert.throws(() => loadConfig({ ...PROVIDER, NODE_ENV: 'production' }), /PUBLIC_URL: is required with OIDC_ISSUER .*\/api\/agent\/oidc\/callback/);
    assert.ok(loadConfig({ ...PROVIDER, NODE_ENV: 'production', PUBLIC_URL: 'https://share.example.com' }).signIn.oidc);
  });
});
