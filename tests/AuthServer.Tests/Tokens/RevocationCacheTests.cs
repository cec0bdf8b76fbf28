using System.Net;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Tokens;

public sealed class RevocationCacheTests
{
    [Fact]
    public async Task ZeroCacheDuration_ChecksTheDatabaseOnEveryRequest()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:RevocationCacheDuration"] = "00:00:00" });
        var client = factory.CreateClient();
        var tokens = await client.LoginAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetProtectedAsync(tokens.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostLogoutAsync(accessToken: tokens.AccessToken)).StatusCode);
        (await client.GetProtectedAsync(tokens.AccessToken)).AssertInvalidTokenChallenge();
    }
}
