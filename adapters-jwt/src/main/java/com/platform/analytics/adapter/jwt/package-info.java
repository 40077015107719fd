/**
 * Bearer token verification for the {@link com.platform.analytics.port.out.TokenVerifier} port: JWTs signed with
 * RS256 or ES256 by the identity provider, checked against its JWKS URL (cached, refetched at most every 30 s for an
 * unknown key id) or one configured public key, then issuer, audience and time; the claims become a
 * {@link com.platform.analytics.domain.access.Principal}. Only asymmetric algorithms are accepted so that the keys
 * this service holds can never sign a token (no {@code alg: none}, no HMAC, hence no HS/RS confusion). Nimbus JOSE
 * types stay inside this package; every refusal leaves it as UNAUTHENTICATED with a plain-words detail.
 */
package com.platform.analytics.adapter.jwt;
