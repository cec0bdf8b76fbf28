using System.Net;
using System.Security.Cryptography;
using AuthServer.SigningKeys;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tests.SigningKeys;

public sealed class SigningAlgorithmTests
{
    private static readonly string StrongSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    [Theory]
    [InlineData("ES256")]
    [InlineData("RS256")]
    [InlineData("HS256")]
    public async Task ConfiguredAlgorithm_SignsTokensThatTheServerAccepts(string algorithm)
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?>
        {
            ["Auth:SigningAlgorithm"] = algorithm,
            ["Auth:SigningSecret"] = algorithm == "HS256" ? StrongSecret : null,
        });
        var client = factory.CreateClient();

        var tokens = await client.LoginAsync();

        var jwt = new JsonWebToken(tokens.AccessToken);
        Assert.Equal(algorithm, jwt.Alg);
        Assert.Equal(factory.Services.GetRequiredService<SigningKeyRing>().Current.Key.KeyId, jwt.Kid);
        Assert.Equal(HttpStatusCode.OK, (await client.GetProtectedAsync(tokens.AccessToken)).StatusCode);
    }

    [Fact]
    public void RS256_UsesA3072BitKey()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:SigningAlgorithm"] = "RS256" });
        factory.CreateClient();

        var key = Assert.IsType<RsaSecurityKey>(factory.Services.GetRequiredService<SigningKeyRing>().Current.Key);

        Assert.Equal(3072, key.Rsa.KeySize);
    }

    [Fact]
    public void ES256_UsesAP256Key()
    {
        using var factory = new AuthServerFactory();
        factory.CreateClient();

        var key = Assert.IsType<ECDsaSecurityKey>(factory.Services.GetRequiredService<SigningKeyRing>().Current.Key);

        Assert.Equal(256, key.ECDsa.KeySize);
    }

    [Fact]
    public async Task TokenOfAnotherAlgorithm_IsRefusedAfterTheServerSwitches()
    {
        using var storage = new TestStorage();
        var clock = new TestTimeProvider();
        var es256 = new AuthServerFactory(new Dictionary<string, string?>(), storage, clock);
        var tokens = await es256.CreateClient().LoginAsync();
        await es256.DisposeAsync();

        using var rs256 = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:SigningAlgorithm"] = "RS256" }, storage, clock);

        (await rs256.CreateClient().GetProtectedAsync(tokens.AccessToken)).AssertInvalidTokenChallenge();
    }
}
