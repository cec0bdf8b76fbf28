using AuthServer.Sessions;
using AuthServer.SigningKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tokens;

/// <summary>
/// Validation of access tokens as RFC 8725 asks: only the configured algorithm and keys, only
/// <c>typ: at+jwt</c> (RFC 9068 §4), issuer and audience checked, lifetime checked against
/// <see cref="TimeProvider"/> with 30 s of skew, no unknown <c>crit</c> header, and no token of a revoked session.
/// </summary>
internal sealed class ConfigureJwtBearerOptions(IOptions<TokenOptions> tokenOptions, IOptions<SigningOptions> signingOptions, SigningKeyRing keys, TimeProvider time)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public void Configure(string? name, JwtBearerOptions options)
    {
        var settings = tokenOptions.Value;
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            ValidAlgorithms = [signingOptions.Value.SigningAlgorithm],
            ValidTypes = [AccessTokenIssuer.TokenType],
            IssuerSigningKeyResolver = (_, _, _, _) => keys.VerificationKeys,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = ValidateLifetime,
            NameClaimType = AccessTokenClaims.Name,
            RoleClaimType = AccessTokenClaims.Roles, // so that RequireRole and IsInRole read the roles claim
        };
        options.Events = new JwtBearerEvents { OnTokenValidated = RejectRevokedOrCriticalAsync, OnChallenge = DescribeFailure };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    // IdentityModel would read the system clock; this reads the injected one, so tests can move time.
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiration time.");
        }

        if (notBefore is { } nbf && nbf > now + ClockSkew)
        {
            throw new SecurityTokenNotYetValidException($"The token is not valid before {nbf:O}.") { NotBefore = nbf };
        }

        if (expires.Value <= now - ClockSkew)
        {
            throw new SecurityTokenExpiredException($"The token expired at {expires.Value:O}.") { Expires = expires.Value };
        }

        return true;
    }

    // RFC 6750 §3: JwtBearer describes only the failures it knows (expiry, audience...); describe the rest too.
    private static Task DescribeFailure(JwtBearerChallengeContext context)
    {
        if (context.AuthenticateFailure is { } failure && string.IsNullOrEmpty(context.ErrorDescription))
        {
            context.ErrorDescription = failure is AuthenticationFailureException ? failure.Message : "The access token is invalid.";
        }

        return Task.CompletedTask;
    }

    private static async Task RejectRevokedOrCriticalAsync(TokenValidatedContext context)
    {
        if (context.SecurityToken is not JsonWebToken token)
        {
            context.Fail("The token is not a JWT.");
            return;
        }

        // RFC 7515 §4.1.11: a recipient must refuse extensions it does not understand, and this one understands none.
        if (token.TryGetHeaderValue<object>("crit", out _))
        {
            context.Fail("The token has a critical header extension this server does not understand.");
            return;
        }

        var userId = context.Principal?.UserId();
        var sessionId = context.Principal?.SessionId();
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionStatusCache>();
        if (userId is null || sessionId is null
            || !await sessions.AcceptsAsync(userId.Value, sessionId.Value, token.IssuedAt, context.HttpContext.RequestAborted))
        {
            context.Fail("The session of this token has ended.");
        }
    }
}
