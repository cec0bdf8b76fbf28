using Microsoft.IdentityModel.Tokens;

namespace AuthServer.ResourceServer;

/// <summary>A token's lifetime checked against a given time, with <see cref="AuthServerTokenValidation.ClockSkew"/> either way.</summary>
internal static class Lifetime
{
    /// <summary>True when the token is within its lifetime at <paramref name="now"/>; throws the exception IdentityModel describes failures with otherwise.</summary>
    public static bool Check(DateTime? notBefore, DateTime? expires, DateTime now)
    {
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiration time.");
        }

        if (notBefore is { } nbf && nbf > now + AuthServerTokenValidation.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException($"The token is not valid before {nbf:O}.") { NotBefore = nbf };
        }

        if (expires.Value <= now - AuthServerTokenValidation.ClockSkew)
        {
            throw new SecurityTokenExpiredException($"The token expired at {expires.Value:O}.") { Expires = expires.Value };
        }

        return true;
    }

    /// <summary>The same check, answering false instead of throwing.</summary>
    public static bool Holds(DateTime notBefore, DateTime expires, DateTime now) =>
        notBefore <= now + AuthServerTokenValidation.ClockSkew && expires > now - AuthServerTokenValidation.ClockSkew;
}
