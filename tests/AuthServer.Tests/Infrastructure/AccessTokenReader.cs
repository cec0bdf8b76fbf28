using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests.Infrastructure;

public static class AccessTokenReader
{
    /// <summary>The <c>sid</c> claim: the session the access token belongs to.</summary>
    public static string SessionIdOf(string accessToken) => new JsonWebToken(accessToken).GetClaim("sid").Value;

    /// <summary>The token's <c>scope</c> claim, or null when it has none.</summary>
    public static string? ScopeOf(string accessToken) =>
        new JsonWebToken(accessToken).TryGetPayloadValue<string>("scope", out var scope) ? scope : null;
}
