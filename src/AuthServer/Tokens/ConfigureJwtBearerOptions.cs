using AuthServer.ResourceServer;
using AuthServer.Sessions;
using AuthServer.SigningKeys;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tokens;

/// <summary>
/// AuthServer's own endpoints validate access tokens with the same code as an API that uses the AuthServer.ResourceServer
/// package (<see cref="AuthServerTokenValidation"/>, <see cref="VerifiedTokenHandler"/>): only the configured algorithm,
/// <c>typ: at+jwt</c>, issuer, audience, lifetime on <see cref="TimeProvider"/> with 30 s of skew, no <c>crit</c> header, a
/// token verified once kept for its next presentations. Its keys come from the key ring instead of the JWKS, and instead of
/// fetching the Status Lists it asks its own record of the sessions, which they are made from.
/// </summary>
internal sealed class ConfigureJwtBearerOptions(
    IOptions<TokenOptions> tokenOptions,
    IOptions<SigningOptions> signingOptions,
    SigningKeyRing keys,
    VerifiedTokenCache verifiedTokens,
    TimeProvider time) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = tokenOptions.Value.Issuer,
            ValidAudience = tokenOptions.Value.Audience,
            IssuerSigningKeyResolver = (_, _, _, _) => keys.VerificationKeys,
        };
        AuthServerTokenValidation.Apply(options.TokenValidationParameters, signingOptions.Value.SigningAlgorithm, time);
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(new VerifiedTokenHandler(verifiedTokens, time));
        options.Events = new JwtBearerEvents { OnTokenValidated = RejectEndedSessionAsync, OnChallenge = AccessTokenChecks.DescribeFailureAsync };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    private static async Task RejectEndedSessionAsync(TokenValidatedContext context)
    {
        var token = (JsonWebToken)context.SecurityToken;
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
