using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.ResourceServer;

/// <summary>
/// JwtBearer's token handler with a memory: a token it verified before is answered from <see cref="VerifiedTokenCache"/>
/// after its lifetime and key are checked again, without parsing it or checking its signature. Lifetime and revocation are
/// still checked on every request; a token that fails validation never enters the cache. It also refuses any <c>crit</c> header.
/// </summary>
public sealed class VerifiedTokenHandler : JsonWebTokenHandler
{
    private readonly VerifiedTokenCache _cache;
    private readonly TimeProvider _time;

    public VerifiedTokenHandler(VerifiedTokenCache cache, TimeProvider time)
    {
        _cache = cache;
        _time = time;
        MapInboundClaims = false;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_cache.TryGet(token, out var verified) && verified.StillHolds(_time.GetUtcNow().UtcDateTime, validationParameters))
        {
            return verified.Result();
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return result;
        }

        // RFC 7515 §4.1.11: a recipient must refuse extensions it does not understand, and this one understands none.
        if (jwt.TryGetHeaderValue<object>("crit", out _))
        {
            return new TokenValidationResult { IsValid = false, Exception = new CriticalHeaderException() };
        }

        _cache.Add(token, new VerifiedToken(jwt, result.ClaimsIdentity.Clone()));
        return result;
    }
}
