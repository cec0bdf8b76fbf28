using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tests.Features;

/// <summary><c>GET /.well-known/jwks.json</c>: the public verification keys as an RFC 7517 JWK set, and nothing private.</summary>
public sealed class JwksTests
{
    // RFC 7518 §6.2.2, §6.3.2, §6.4: the members that would give away a private or symmetric key.
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    [Fact]
    public async Task Jwks_ES256_PublishesOnlyThePublicPointOfTheKeyThatSignsTheTokens()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var tokens = await client.LoginAsync();

        var key = await SingleKeyAsync(client);

        Assert.Equal(["kty", "use", "alg", "kid", "crv", "x", "y"], key.EnumerateObject().Select(p => p.Name));
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
        Assert.Equal(32, Base64Url.DecodeFromChars(key.GetProperty("x").GetString()).Length);
        Assert.Equal(32, Base64Url.DecodeFromChars(key.GetProperty("y").GetString()).Length);
        Assert.Equal(new JsonWebToken(tokens.AccessToken).Kid, key.GetProperty("kid").GetString());
        AssertNoPrivateMembers(key);
        await AssertVerifiesAsync(key, tokens.AccessToken, factory);
    }

    [Fact]
    public async Task Jwks_RS256_PublishesOnlyTheModulusAndExponentOfTheKeyThatSignsTheTokens()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:SigningAlgorithm"] = "RS256" });
        var client = factory.CreateClient();
        var tokens = await client.LoginAsync();

        var key = await SingleKeyAsync(client);

        Assert.Equal(["kty", "use", "alg", "kid", "n", "e"], key.EnumerateObject().Select(p => p.Name));
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.Equal(3072 / 8, Base64Url.DecodeFromChars(key.GetProperty("n").GetString()).Length);
        Assert.Equal("AQAB", key.GetProperty("e").GetString());
        Assert.Equal(new JsonWebToken(tokens.AccessToken).Kid, key.GetProperty("kid").GetString());
        AssertNoPrivateMembers(key);
        await AssertVerifiesAsync(key, tokens.AccessToken, factory);
    }

    [Fact]
    public async Task Jwks_HS256_PublishesNoKey()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?>
        {
            ["Auth:SigningAlgorithm"] = "HS256",
            ["Auth:SigningSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
        });
        var client = factory.CreateClient();
        await client.LoginAsync();

        var response = await client.GetAsync("/.well-known/jwks.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"keys":[]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Jwks_IsPublicJsonThatCachesBriefly_AndNeedsNoToken()
    {
        using var factory = new AuthServerFactory();

        var response = await factory.CreateClient().GetAsync("/.well-known/jwks.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
    }

    private static async Task<JsonElement> SingleKeyAsync(HttpClient client)
    {
        var response = await client.GetAsync("/.well-known/jwks.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["keys"], json.RootElement.EnumerateObject().Select(p => p.Name));
        return Assert.Single(json.RootElement.GetProperty("keys").EnumerateArray()).Clone();
    }

    private static void AssertNoPrivateMembers(JsonElement key)
    {
        foreach (var member in PrivateMembers)
        {
            Assert.False(key.TryGetProperty(member, out _), $"The JWK carries the private member \"{member}\".");
        }
    }

    // The published key alone, read by IdentityModel as any JWKS client would, verifies the server's token.
    private static async Task AssertVerifiesAsync(JsonElement key, string accessToken, AuthServerFactory factory)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(accessToken, new TokenValidationParameters
        {
            IssuerSigningKey = new JsonWebKey(key.GetRawText()),
            ValidIssuer = factory.Setting("Auth:Issuer"),
            ValidAudience = factory.Setting("Auth:Audience"),
            ValidateLifetime = false, // the token lives on the test clock, IdentityModel on the real one
        });

        Assert.True(result.IsValid, result.Exception?.Message);
    }
}
