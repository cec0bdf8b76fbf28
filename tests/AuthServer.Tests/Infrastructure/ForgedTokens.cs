using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tests.Infrastructure;

/// <summary>Tokens the server did not issue, for tests that the right ones are refused.</summary>
public static class ForgedTokens
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>
    /// A copy of <paramref name="real"/> (same iss, aud, sub, name and sid, so its session is live), valid for
    /// 15 minutes from <paramref name="now"/>, signed with <paramref name="credentials"/>.
    /// </summary>
    public static string LikeRealToken(string real, SigningCredentials credentials, DateTimeOffset now)
    {
        var token = new JsonWebToken(real);
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = token.Issuer,
            Audience = token.Audiences.Single(),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.UtcDateTime.AddMinutes(15),
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = token.Subject,
                ["name"] = token.GetClaim("name").Value,
                [JwtRegisteredClaimNames.Sid] = token.GetClaim(JwtRegisteredClaimNames.Sid).Value,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        });
    }
}
