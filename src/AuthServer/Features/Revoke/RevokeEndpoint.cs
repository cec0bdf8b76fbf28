using AuthServer.Infrastructure;
using AuthServer.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Features.Revoke;

/// <summary>
/// Token revocation (RFC 7009) for public clients. A refresh token or a still-valid access token ends its
/// whole session; an unknown, invalid or already revoked token is answered 200 all the same (§2.2), so the
/// answer tells nothing about the token.
/// </summary>
public static class RevokeEndpoint
{
    private static readonly JsonWebTokenHandler AccessTokens = new() { MapInboundClaims = false };

    public static RouteHandlerBuilder MapRevoke(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/revoke", HandleAsync).WithName("Revoke").AllowAnonymous().WithNoStore();

    public static async Task<Results<Ok, JsonHttpResult<AuthError>>> HandleAsync(
        HttpContext context, RefreshTokenService refreshTokens, SessionRevoker revoker, IOptionsMonitor<JwtBearerOptions> bearer,
        CancellationToken cancellationToken)
    {
        var (parameters, error) = await OAuthParameters.ReadAsync(context.Request, cancellationToken);
        if (parameters is null)
        {
            return error!;
        }

        if (parameters["token"] is not { } token)
        {
            return AuthErrors.InvalidRequest("The token to revoke is required.");
        }

        // The hint only orders the look-ups (§2.1); a wrong or unknown hint still finds the token.
        var sessionId = parameters["token_type_hint"] == "access_token"
            ? await AccessTokenSessionAsync(token, bearer) ?? await refreshTokens.FindSessionIdAsync(token, cancellationToken)
            : await refreshTokens.FindSessionIdAsync(token, cancellationToken) ?? await AccessTokenSessionAsync(token, bearer);
        if (sessionId is { } id)
        {
            await revoker.RevokeAsync(id, SessionRevocationReason.TokenRevoked, cancellationToken);
        }

        return TypedResults.Ok();
    }

    // Only a token this server signed, still within its lifetime, names a session to end.
    private static async Task<Guid?> AccessTokenSessionAsync(string token, IOptionsMonitor<JwtBearerOptions> bearer)
    {
        if (token.Length > 8192 || !AccessTokens.CanReadToken(token))
        {
            return null;
        }

        var parameters = bearer.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;
        var result = await AccessTokens.ValidateTokenAsync(token, parameters);
        return result.IsValid && result.Claims.TryGetValue(JwtRegisteredClaimNames.Sid, out var sid) && Guid.TryParse(sid as string, out var id)
            ? id
            : null;
    }
}
