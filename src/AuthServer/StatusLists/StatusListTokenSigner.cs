using AuthServer.SigningKeys;
using AuthServer.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.StatusLists;

/// <summary>
/// Signs a Status List Token (draft-ietf-oauth-status-list-20 §5.1) with the key that signs access tokens, so the same
/// JWKS verifies it: header <c>typ: statuslist+jwt</c>; claims <c>iss</c>, <c>sub</c> (the list's uri), <c>iat</c>,
/// <c>exp</c>, <c>ttl</c> and <c>status_list</c> (<c>bits</c> 1, <c>lst</c>).
/// </summary>
public sealed class StatusListTokenSigner(SigningKeyRing keys, IOptions<TokenOptions> tokens, IOptions<StatusListOptions> options, TimeProvider time)
{
    public const string TokenType = "statuslist+jwt";
    public const string MediaType = "application/statuslist+jwt";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Sign(int list, ReadOnlySpan<byte> bits)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = TokenType,
            Issuer = tokens.Value.Issuer,
            IssuedAt = now,
            // No access token it describes outlives it: they are all issued before it, for at most this long.
            Expires = now + tokens.Value.AccessTokenLifetime,
            SigningCredentials = keys.Current,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = StatusListLayout.Uri(tokens.Value.Issuer, list),
                ["ttl"] = (long)options.Value.TimeToLive.TotalSeconds,
                ["status_list"] = new Dictionary<string, object> { ["bits"] = 1, ["lst"] = StatusListEncoding.Encode(bits) },
            },
        });
    }
}
