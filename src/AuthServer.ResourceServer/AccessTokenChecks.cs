using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.ResourceServer;

/// <summary>The checks JwtBearer runs on a token this package validated, and the description of a refusal.</summary>
public static class AccessTokenChecks
{
    /// <summary>Refuses the token unless its Status List entry reads valid (draft-ietf-oauth-status-list-20 §8.3).</summary>
    internal static Task CheckStatusAsync(TokenValidatedContext context, HeldStatusLists lists, TimeSpan grace, TimeProvider time)
    {
        var reference = context.SecurityToken is JsonWebToken token ? StatusReference.Of(token) : null;
        var verdict = lists.Check(reference, time.GetUtcNow().UtcDateTime, grace);
        if (verdict != StatusVerdict.Valid)
        {
            context.Fail(verdict switch
            {
                StatusVerdict.Revoked => "The session of this token has ended.",
                StatusVerdict.Stale => "The status of this token cannot be checked now.",
                StatusVerdict.OutOfRange => "The token names no entry of its status list.",
                _ => "The token names no status list this API holds.",
            });
        }

        return Task.CompletedTask;
    }

    /// <summary>RFC 6750 §3: JwtBearer describes only the failures it knows (expiry, audience…); describe the rest too.</summary>
    public static Task DescribeFailureAsync(JwtBearerChallengeContext context)
    {
        if (context.AuthenticateFailure is { } failure && string.IsNullOrEmpty(context.ErrorDescription))
        {
            context.ErrorDescription = failure is AuthenticationFailureException or CriticalHeaderException ? failure.Message : "The access token is invalid.";
        }

        return Task.CompletedTask;
    }
}
