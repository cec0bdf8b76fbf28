using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.ResourceServer;

/// <summary>A token whose signature, type, issuer and audience were verified once, kept with the identity it gave.</summary>
internal sealed class VerifiedToken(JsonWebToken token, ClaimsIdentity identity)
{
    public JsonWebToken Token => token;

    /// <summary>
    /// Whether it may stand without a new signature check at <paramref name="now"/>: still within its lifetime, and its key
    /// still among those <paramref name="parameters"/> trust (a key withdrawn from the JWKS takes its tokens with it).
    /// </summary>
    public bool StillHolds(DateTime now, TokenValidationParameters parameters) =>
        Lifetime.Holds(token.ValidFrom, token.ValidTo, now) && TrustedKeys(parameters).Any(key => key.KeyId == token.Kid);

    /// <summary>The result of validating it again: the same token, and a copy of its identity the request may change freely.</summary>
    public TokenValidationResult Result() => new()
    {
        IsValid = true,
        SecurityToken = token,
        ClaimsIdentity = identity.Clone(),
        Issuer = token.Issuer,
        TokenType = token.Typ,
    };

    private IEnumerable<SecurityKey> TrustedKeys(TokenValidationParameters parameters) =>
        parameters.IssuerSigningKeyResolver?.Invoke(token.EncodedToken, token, token.Kid, parameters)
        ?? parameters.IssuerSigningKeys
        ?? (parameters.IssuerSigningKey is { } key ? [key] : []);
}
