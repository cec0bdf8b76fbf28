using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tokens;

/// <summary>Reads the claims this server puts in access tokens (inbound claim mapping is off, so names are as issued).</summary>
public static class AccessTokenClaims
{
    public const string Name = "name";

    public const string Scope = "scope";

    /// <summary>The user's roles, a JSON array of strings (RFC 9068 §2.2.3.1); one claim per role once read.</summary>
    public const string Roles = "roles";

    public const string Status = "status";

    public static Guid? UserId(this ClaimsPrincipal principal) => ParseGuid(principal.FindFirst(JwtRegisteredClaimNames.Sub)?.Value);

    public static Guid? SessionId(this ClaimsPrincipal principal) => ParseGuid(principal.FindFirst(JwtRegisteredClaimNames.Sid)?.Value);

    public static string? Username(this ClaimsPrincipal principal) => principal.FindFirst(Name)?.Value;

    /// <summary>Whether the token's space-delimited <c>scope</c> claim holds <paramref name="scope"/>.</summary>
    public static bool HasScope(this ClaimsPrincipal principal, string scope) =>
        principal.FindFirst(Scope)?.Value.Split(' ').Contains(scope, StringComparer.Ordinal) == true;

    private static Guid? ParseGuid(string? value) => Guid.TryParse(value, out var id) ? id : null;
}
