using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuthServer.SigningKeys;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tests.Features;

/// <summary>
/// What <c>/protected-resource</c> accepts: only tokens this server signed with its configured algorithm and key,
/// typed <c>at+jwt</c>, for the right issuer and audience, within their lifetime (30 s skew) and without <c>crit</c>.
/// </summary>
public sealed class AccessTokenValidationTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ProtectedResource_ValidToken_Returns200WithDataAndUser()
    {
        var user = await _client.RegisterAsync();
        var tokens = await _client.LoginAsync(user);

        var response = await _client.GetProtectedAsync(tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Here is your resource.", body.RootElement.GetProperty("data").GetString());
        var owner = body.RootElement.GetProperty("user");
        Assert.Equal(new JsonWebToken(tokens.AccessToken).Subject, owner.GetProperty("id").GetString());
        Assert.Equal(user.Username, owner.GetProperty("username").GetString());
    }

    [Fact]
    public async Task ProtectedResource_NoAuthorizationHeader_Returns401WithBareBearerChallenge()
    {
        var response = await _client.GetAsync("/protected-resource");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Null(challenge.Parameter);
    }

    [Fact]
    public async Task ProtectedResource_TamperedPayload_Returns401InvalidToken()
    {
        var (header, payload, signature) = Split((await _client.LoginAsync()).AccessToken);
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(payload))!;
        claims["name"] = "admin";
        var tampered = $"{header}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()))}.{signature}";

        var response = await _client.GetProtectedAsync(tampered);

        response.AssertInvalidTokenChallenge();
    }

    [Fact]
    public async Task ProtectedResource_TamperedSignature_Returns401InvalidToken()
    {
        var (header, payload, signature) = Split((await _client.LoginAsync()).AccessToken);
        var signatureBytes = Base64Url.DecodeFromChars(signature);
        signatureBytes[0] ^= 0x01;
        var tampered = $"{header}.{payload}.{Base64Url.EncodeToString(signatureBytes)}";

        var response = await _client.GetProtectedAsync(tampered);

        response.AssertInvalidTokenChallenge();
    }

    [Fact]
    public async Task ProtectedResource_GarbageToken_Returns401InvalidToken()
    {
        var response = await _client.GetProtectedAsync("this-is-not-a-jwt");

        response.AssertInvalidTokenChallenge();
    }

    [Fact]
    public async Task ProtectedResource_AlgNoneToken_Returns401InvalidToken()
    {
        var (_, payload, _) = Split((await _client.LoginAsync()).AccessToken);
        var header = Base64Url.EncodeToString("""{"alg":"none","typ":"at+jwt"}"""u8);

        var response = await _client.GetProtectedAsync($"{header}.{payload}.");

        response.AssertInvalidTokenChallenge();
    }

    [Fact]
    public async Task ProtectedResource_TokenSignedByAnotherKeyWithTheSameKid_Returns401InvalidToken()
    {
        var real = new JsonWebToken((await _client.LoginAsync()).AccessToken);
        using var foreignKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var credentials = new SigningCredentials(new ECDsaSecurityKey(foreignKey) { KeyId = real.Kid }, SecurityAlgorithms.EcdsaSha256);

        var response = await _client.GetProtectedAsync(Mint(real, credentials));

        response.AssertInvalidTokenChallenge();
    }

    [Fact]
    public async Task ProtectedResource_HS256TokenSignedWithThePublicKey_Returns401InvalidToken()
    {
        var real = new JsonWebToken((await _client.LoginAsync()).AccessToken);
        var publicKey = Assert.IsType<ECDsaSecurityKey>(ServerSigningCredentials.Key).ECDsa.ExportSubjectPublicKeyInfo();
        var credentials = new SigningCredentials(new SymmetricSecurityKey(publicKey) { KeyId = real.Kid }, SecurityAlgorithms.HmacSha256);

        var response = await _client.GetProtectedAsync(Mint(real, credentials));

        response.AssertInvalidTokenChallenge();
    }

    [Fact]
    public async Task ProtectedResource_HS256TokenSignedWithAnySecret_Returns401InvalidToken()
    {
        var real = new JsonWebToken((await _client.LoginAsync()).AccessToken);
        var credentials = new SigningCredentials(
            new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = real.Kid }, SecurityAlgorithms.HmacSha256);

        var response = await _client.GetProtectedAsync(Mint(real, credentials));

        response.AssertInvalidTokenChallenge();
    }

    [Fact]
    public async Task ProtectedResource_TokenMintedWithServerKeyAndCorrectClaims_Returns200()
    {
        var real = new JsonWebToken((await _client.LoginAsync()).AccessToken);

        var response = await _client.GetProtectedAsync(Mint(real, ServerSigningCredentials));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ProtectedResource_TokenWithWrongAudience_Returns401InvalidToken()
    {
        var real = new JsonWebToken((await _client.LoginAsync()).AccessToken);

        var response = await _client.GetProtectedAsync(Mint(real, ServerSigningCredentials, t => t.Audience = "some-other-api"));

        response.AssertInvalidTokenChallenge();
        AssertChallengeDescriptionMentions(response, "audience");
    }

    [Fact]
    public async Task ProtectedResource_TokenWithWrongIssuer_Returns401InvalidToken()
    {
        var real = new JsonWebToken((await _client.LoginAsync()).AccessToken);

        var response = await _client.GetProtectedAsync(Mint(real, ServerSigningCredentials, t => t.Issuer = "https://evil.test"));

        response.AssertInvalidTokenChallenge();
        AssertChallengeDescriptionMentions(response, "issuer");
    }

    [Fact]
    public async Task ProtectedResource_TokenWithWrongType_Returns401InvalidToken()
    {
        var real = new JsonWebToken((await _client.LoginAsync()).AccessToken);

        var response = await _client.GetProtectedAsync(Mint(real, ServerSigningCredentials, t => t.TokenType = "JWT"));

        response.AssertInvalidTokenChallenge();
    }

    [Fact]
    public async Task ProtectedResource_TokenWithCritHeader_Returns401InvalidToken()
    {
        var real = new JsonWebToken((await _client.LoginAsync()).AccessToken);

        var response = await _client.GetProtectedAsync(Mint(real, ServerSigningCredentials,
            t => t.AdditionalHeaderClaims = new Dictionary<string, object> { ["crit"] = new[] { "exp" } }));

        response.AssertInvalidTokenChallenge();
        AssertChallengeDescriptionMentions(response, "critical");
    }

    [Fact]
    public async Task ProtectedResource_TokenNotValidFor31MoreSeconds_Returns401InvalidToken()
    {
        var real = new JsonWebToken((await _client.LoginAsync()).AccessToken);

        var response = await _client.GetProtectedAsync(Mint(real, ServerSigningCredentials,
            t => t.NotBefore = factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(31)));

        response.AssertInvalidTokenChallenge();
        AssertChallengeDescriptionMentions(response, "not valid before");
    }

    [Fact]
    public async Task ProtectedResource_TokenNotValidFor30MoreSeconds_IsAcceptedWithinClockSkew()
    {
        var real = new JsonWebToken((await _client.LoginAsync()).AccessToken);

        var response = await _client.GetProtectedAsync(Mint(real, ServerSigningCredentials,
            t => t.NotBefore = factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(30)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ProtectedResource_TokenExpired29SecondsAgo_IsAcceptedWithinClockSkew()
    {
        using var timeTravel = new AuthServerFactory();
        var client = timeTravel.CreateClient();
        var tokens = await client.LoginAsync();

        timeTravel.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(29));
        var response = await client.GetProtectedAsync(tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ProtectedResource_TokenExpired30SecondsAgo_Returns401InvalidTokenNamingExpiry()
    {
        using var timeTravel = new AuthServerFactory();
        var client = timeTravel.CreateClient();
        var tokens = await client.LoginAsync();

        timeTravel.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(30));
        var response = await client.GetProtectedAsync(tokens.AccessToken);

        response.AssertInvalidTokenChallenge();
        AssertChallengeDescriptionMentions(response, "expired");
    }

    private SigningCredentials ServerSigningCredentials => factory.Services.GetRequiredService<SigningKeyRing>().Current;

    /// <summary>
    /// A token like <paramref name="real"/> (same sub, name and sid, so its session is live) and valid for 15 minutes
    /// from the test clock, signed with <paramref name="credentials"/> and then changed by <paramref name="adjust"/>.
    /// </summary>
    private string Mint(JsonWebToken real, SigningCredentials credentials, Action<SecurityTokenDescriptor>? adjust = null)
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = factory.Setting("Auth:Issuer"),
            Audience = factory.Setting("Auth:Audience"),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(15),
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = real.Subject,
                ["name"] = real.GetClaim("name").Value,
                [JwtRegisteredClaimNames.Sid] = real.GetClaim(JwtRegisteredClaimNames.Sid).Value,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        };
        adjust?.Invoke(descriptor);
        return Handler.CreateToken(descriptor);
    }

    private static void AssertChallengeDescriptionMentions(HttpResponseMessage response, string reason)
    {
        var parameter = Assert.Single(response.Headers.WwwAuthenticate).Parameter ?? "";
        var description = parameter[parameter.IndexOf("error_description=", StringComparison.Ordinal)..];
        Assert.Contains(reason, description, StringComparison.OrdinalIgnoreCase);
    }

    private static (string Header, string Payload, string Signature) Split(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        return (parts[0], parts[1], parts[2]);
    }
}
