using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tokens;

/// <summary>Reads the claims this server puts in access tokens (inbound claim mapping is off, so names are as issued).</summary>
public static class AccessTokenClaims
{
    public const string Name = "name";

    public static Guid? UserId(this ClaimsPrincipal principal) => ParseGuid(principal.FindFirst(JwtRegisteredClaimNames.Sub)?.Value);

    public static Guid? SessionId(this ClaimsPrincipal principal) => ParseGuid(principal.FindFirst(JwtRegisteredClaimNames.Sid)?.Value);

    public static string? Username(this ClaimsPrincipal principal) => principal.FindFirst(Name)?.Value;

    private static Guid? ParseGuid(string? value) => Guid.TryParse(value, out var id) ? id : null;
}
