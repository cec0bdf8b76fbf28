using AuthServer.Sessions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tokens;

/// <summary>
/// Ends the session a token belongs to, given the token alone: a refresh token, or an access token this server
/// signed that is still valid. An unknown, invalid or already revoked token changes nothing (RFC 7009 §2.2).
/// </summary>
public sealed class TokenRevocation(RefreshTokenService refreshTokens, SessionRevoker revoker, IOptionsMonitor<JwtBearerOptions> bearer)
{
    private const int MaxAccessTokenLength = 8192;

    private static readonly JsonWebTokenHandler AccessTokens = new() { MapInboundClaims = false };

    /// <summary>Ends the session of <paramref name="token"/>, either kind; the hint only orders the look-ups (RFC 7009 §2.1).</summary>
    public async Task RevokeAsync(string token, string? tokenTypeHint, SessionRevocationReason reason, CancellationToken cancellationToken)
    {
        var sessionId = tokenTypeHint == "access_token"
            ? await AccessTokenSessionAsync(token) ?? await refreshTokens.FindSessionIdAsync(token, cancellationToken)
            : await refreshTokens.FindSessionIdAsync(token, cancellationToken) ?? await AccessTokenSessionAsync(token);
        if (sessionId is { } id)
        {
            await revoker.RevokeAsync(id, reason, cancellationToken);
        }
    }

    /// <summary>Ends the session of <paramref name="refreshToken"/>, whatever the token's state; an unknown one changes nothing.</summary>
    public async Task RevokeByRefreshTokenAsync(string refreshToken, SessionRevocationReason reason, CancellationToken cancellationToken)
    {
        if (await refreshTokens.FindSessionIdAsync(refreshToken, cancellationToken) is { } sessionId)
        {
            await revoker.RevokeAsync(sessionId, reason, cancellationToken);
        }
    }

    // Only a token this server signed, still within its lifetime, names a session to end: validated as JwtBearer does.
    private async Task<Guid?> AccessTokenSessionAsync(string token)
    {
        if (token.Length > MaxAccessTokenLength || !AccessTokens.CanReadToken(token))
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
