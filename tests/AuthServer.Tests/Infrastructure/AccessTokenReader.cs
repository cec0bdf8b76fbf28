using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tests.Infrastructure;

public static class AccessTokenReader
{
    /// <summary>The <c>sid</c> claim: the session the access token belongs to.</summary>
    public static string SessionIdOf(string accessToken) => new JsonWebToken(accessToken).GetClaim("sid").Value;

    /// <summary>The <c>name</c> claim: the username.</summary>
    public static string NameOf(string accessToken) => new JsonWebToken(accessToken).GetClaim("name").Value;

    /// <summary>The <c>sub</c> claim: the user the access token was issued to.</summary>
    public static string UserIdOf(string accessToken) => new JsonWebToken(accessToken).Subject;

    /// <summary>The token's <c>roles</c> claim, or null when it has none; asserts that it is a JSON array of strings (RFC 9068 §2.2.3.1).</summary>
    public static IReadOnlyList<string>? RolesOf(string accessToken)
    {
        var token = new JsonWebToken(accessToken);
        using var payload = System.Text.Json.JsonDocument.Parse(Base64UrlEncoder.Decode(token.EncodedPayload));
        if (!payload.RootElement.TryGetProperty("roles", out var roles))
        {
            return null;
        }

        Assert.Equal(System.Text.Json.JsonValueKind.Array, roles.ValueKind);
        return [.. roles.EnumerateArray().Select(r => r.GetString()!)];
    }

    /// <summary>The token's <c>scope</c> claim, or null when it has none.</summary>
    public static string? ScopeOf(string accessToken) =>
        new JsonWebToken(accessToken).TryGetPayloadValue<string>("scope", out var scope) ? scope : null;
}
