using Microsoft.IdentityModel.Tokens;

namespace AuthServer.ResourceServer;

/// <summary>
/// How AuthServer's access tokens are validated, by AuthServer itself and by every API that uses this package, as
/// RFC 8725 and RFC 9068 ask: only the one configured algorithm and only <c>typ: at+jwt</c>; signature, issuer, audience
/// and lifetime checked, the lifetime on <see cref="TimeProvider"/> with at most <see cref="ClockSkew"/> of skew.
/// </summary>
public static class AuthServerTokenValidation
{
    public const string AccessTokenType = "at+jwt";
    public const string NameClaimType = "name";
    public const string RoleClaimType = "roles";

    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>Sets the parameters every validation of an AuthServer access token shares.</summary>
    public static void Apply(TokenValidationParameters parameters, string algorithm, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.ValidAlgorithms = [algorithm];
        parameters.ValidTypes = [AccessTokenType];
        parameters.RequireSignedTokens = true;
        parameters.RequireExpirationTime = true;
        parameters.ClockSkew = ClockSkew;
        parameters.LifetimeValidator = (notBefore, expires, _, _) => Lifetime.Check(notBefore, expires, time.GetUtcNow().UtcDateTime);
        parameters.NameClaimType = NameClaimType;
        parameters.RoleClaimType = RoleClaimType;
    }
}
