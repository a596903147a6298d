import { strict as assert } from 'node:assert';
import { mapClaims } from '../../../../../signaling/server/auth/oidc/claimMapping';
import type { ClaimMap } from '../../../../../signaling/server/auth/oidc/signInConfig';

const DEFAULTS: ClaimMap = { username: 'preferred_username', displayName: 'name', role: 'roles', supervisorValues: ['supervisor'] };

describe('identity provider claims → agent account', () => {
  it('takes username, display name and the supervisor role from the default claims', () => {
    const result = mapClaims({ sub: 'abc-123', preferred_username: 'jane', name: 'Jane Doe', roles: ['agent', 'supervisor'] }, DEFAULTS);
    assert.deepEqual(result, { ok: true, identity: { subject: 'abc-123', username: 'jane', displayName: 'Jane Doe', role: 'supervisor' } });
  });

  it('makes an agent of anyone without a supervisor value, whether the claim is a list, a string or missing', () => {
    for (const roles of [['agent'], 'agent', undefined, 42]) {
      const result = mapClaims({ sub: 's', preferred_username: 'bob', roles }, DEFAULTS);
      assert.ok(result.ok && result.identity.role === 'agent', JSON.stringify(roles));
    }
    const single = mapClaims({ sub: 's', preferred_username: 'bob', roles: 'supervisor' }, DEFAULTS);
    assert.ok(single.ok && single.identity.role === 'supervisor');
  });

  it('turns an e-mail style username into one this server accepts, and falls back to it for the display name', () => {
    const result = mapClaims({ sub: 's', preferred_username: 'Jane.Doe+Support@Example.com' }, DEFAULTS);
    assert.ok(result.ok);
    assert.equal(result.identity.username, 'jane.doe_support_example.com');
    assert.equal(result.identity.displayName, 'Jane.Doe+Support@Example.com');
  });

  it('follows dotted paths into nested claims (Keycloak realm roles) and configured claim names', () => {
    const map: ClaimMap = { username: 'email', displayName: 'given_name', role: 'realm_access.roles', supervisorValues: ['leads'] };
    const result = mapClaims({ sub: 's', email: 'kim@example.com', given_name: 'Kim', realm_access: { roles: ['leads'] } }, map);
    assert.deepEqual(result, { ok: true, identity: { subject: 's', username: 'kim_example.com', displayName: 'Kim', role: 'supervisor' } });
  });

  it('keeps names within the account limits', () => {
    const result = mapClaims({ sub: 's', preferred_username: 'a'.repeat(80), name: 'N'.repeat(150) }, DEFAULTS);
    assert.ok(result.ok);
    assert.equal(result.identity.username.length, 64);
    assert.equal(result.identity.displayName.length, 100);
  });

  it('refuses an identity without a subject or a username, saying which claim is missing', () => {
    assert.deepEqual(mapClaims({ preferred_username: 'x' }, DEFAULTS), { ok: false, problem: 'the ID token has no subject (sub)' });
    const missing = mapClaims({ sub: 's', name: 'No Username' }, DEFAULTS);
    assert.ok(!missing.ok && /"preferred_username" claim \(OIDC_USERNAME_CLAIM\)/.test(missing.problem));
  });
});
