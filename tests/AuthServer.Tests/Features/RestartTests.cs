using System.Net;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Features;

public sealed class RestartTests
{
    [Theory]
    [InlineData("ES256")]
    [InlineData("RS256")]
    public async Task Restart_OverTheSameDatabase_AcceptsEarlierAccessAndRefreshTokens(string algorithm)
    {
        var settings = new Dictionary<string, string?> { ["Auth:SigningAlgorithm"] = algorithm };
        using var storage = new TestStorage();
        var clock = new TestTimeProvider();
        var first = new AuthServerFactory(settings, storage, clock);
        var tokens = await first.CreateClient().LoginAsync();
        await first.DisposeAsync();

        using var second = new AuthServerFactory(settings, storage, clock);
        var client = second.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetProtectedAsync(tokens.AccessToken)).StatusCode);
        await client.RefreshAsync(tokens.RefreshToken!);
    }
}
