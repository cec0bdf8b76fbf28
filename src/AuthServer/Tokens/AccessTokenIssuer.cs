using AuthServer.Sessions;
using AuthServer.SigningKeys;
using AuthServer.StatusLists;
using AuthServer.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tokens;

/// <summary>Signs access tokens: JWTs typed <c>at+jwt</c> (RFC 9068) that APIs verify without a database.</summary>
public sealed class AccessTokenIssuer(SigningKeyRing keys, IOptions<TokenOptions> options, TimeProvider time)
{
    public const string TokenType = "at+jwt";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>
    /// Issues a token for the session with <paramref name="scope"/> and the roles loaded with <paramref name="user"/>. It
    /// never outlives the session: not its absolute end, nor <paramref name="sessionLiveUntilUtc"/>, when the refresh
    /// token issued with it expires.
    /// </summary>
    public (string Token, DateTime ExpiresAtUtc) Issue(User user, Session session, string? scope, DateTime sessionLiveUntilUtc)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expires = new[] { now + options.Value.AccessTokenLifetime, session.ExpiresAtUtc, sessionLiveUntilUtc }.Min();

        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = user.Id.ToString(),
            [AccessTokenClaims.Name] = user.Username,
            [JwtRegisteredClaimNames.Sid] = session.Id.ToString(),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (scope is not null)
        {
            // RFC 9068 §2.2.3: one space-delimited string, as in the token response.
            claims[AccessTokenClaims.Scope] = scope;
        }

        if (user.Roles.Count > 0)
        {
            // RFC 9068 §2.2.3.1: an array of strings, also for one role; absent when there is none.
            claims[AccessTokenClaims.Roles] = user.Roles.Select(r => r.Name).Order(StringComparer.Ordinal).ToArray();
        }

        if (session is { StatusList: { } list, StatusIndex: { } index })
        {
            // draft-ietf-oauth-status-list-20 §6.1: where any API finds out whether the session was revoked.
            claims[AccessTokenClaims.Status] = new Dictionary<string, object>
            {
                ["status_list"] = new Dictionary<string, object> { ["idx"] = index, ["uri"] = StatusListLayout.Uri(options.Value.Issuer, list) },
            };
        }

        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = TokenType,
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = keys.Current,
            Claims = claims,
        });
        return (token, expires);
    }
}
