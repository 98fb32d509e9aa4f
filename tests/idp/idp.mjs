// A real OpenID Connect provider (the npm package oidc-provider) on loopback for Slipway's single sign-on tests.
//
//   node idp.mjs --port 0 --client-id slipway --client-secret s3cret --redirect-uri http://127.0.0.1/api/v1/auth/oidc/callback
//
// The client is registered as a native application, so a loopback redirect URI matches on any port (RFC 8252 §7.3):
// one provider serves every test server, whatever port each got.
// Prints one line `listening <issuer>` once it accepts connections (with --port 0 the port is chosen by the OS),
// and exits when its standard input closes, so a test that dies cannot leave it behind.
//
// It has one confidential client (client_secret_basic, authorization code only, PKCE S256 required) and no login
// page: the interaction URL signs in whoever the caller names, so a test drives the whole flow with plain HTTP:
//   GET /interaction/<uid>?user=alice&groups=ml-engineers,readers&amr=pwd,mfa
// Any user name is an account; its claims are preferred_username = the name, email = <name>@example.test,
// name = "<Name> Example", groups = the list given at its last sign-in. Consent is given with the sign-in.
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.IDP_PORT ?? '0' },
    'client-id': { type: 'string', default: process.env.IDP_CLIENT_ID ?? 'slipway' },
    'client-secret': { type: 'string', default: process.env.IDP_CLIENT_SECRET ?? 'slipway-test-secret' },
    'redirect-uri': { type: 'string', default: process.env.IDP_REDIRECT_URI ?? 'http://127.0.0.1/api/v1/auth/oidc/callback' },
  },
});

const accounts = new Map();
const signingKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const server = http.createServer();
await new Promise((resolve) => server.listen(Number(args.port), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: args['client-id'],
    client_secret: args['client-secret'],
    application_type: 'native',
    redirect_uris: [args['redirect-uri']],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  jwks: { keys: [{ ...signingKey, kid: 'test-rs256', alg: 'RS256', use: 'sig' }] },
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'email', 'groups'],
  claims: {
    openid: ['sub', 'amr'],
    profile: ['name', 'preferred_username'],
    email: ['email', 'email_verified'],
    groups: ['groups'],
  },
  // Scope claims go into the ID token itself (as Keycloak, Entra ID and Okta can be set up to do); Slipway reads
  // the ID token and never calls userinfo.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  findAccount: (_ctx, sub) => {
    const account = accounts.get(sub);
    return account && {
      accountId: sub,
      claims: () => ({
        sub,
        preferred_username: sub,
        name: `${sub[0].toUpperCase()}${sub.slice(1)} Example`,
        email: `${sub}@example.test`,
        email_verified: true,
        groups: account.groups,
      }),
    };
  },
  ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
  renderError: (ctx, out) => {
    ctx.type = 'application/json';
    ctx.body = out;
  },
});

provider.use(async (ctx, next) => {
  const match = /^\/interaction\/([^/]+)$/.exec(ctx.path);
  if (!match || ctx.method !== 'GET') {
    return next();
  }

  const user = String(ctx.query.user ?? '');
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(user)) {
    ctx.status = 400;
    ctx.body = 'name the user to sign in: ?user=<name>';
    return undefined;
  }

  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const list = (value) => String(value ?? '').split(',').filter((v) => v.length > 0);
  accounts.set(user, { groups: list(ctx.query.groups) });
  const amr = list(ctx.query.amr);
  const login = { accountId: user, ...(amr.length ? { amr } : {}) };
  // Consent is given with the sign-in (native clients always ask for it): everything the client requested.
  const grant = new provider.Grant({ accountId: user, clientId: details.params.client_id });
  grant.addOIDCScope(String(details.params.scope));
  const consent = { grantId: await grant.save() };
  // Writes the 303 back to the authorization endpoint itself.
  await provider.interactionFinished(ctx.req, ctx.res, { login, consent }, { mergeWithLastSubmission: false });
  ctx.respond = false;
  return undefined;
});

server.on('request', provider.callback());
console.log(`listening ${issuer}`);

process.stdin.resume();
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.on('close', () => process.exit(0));
