using System.Net;
using System.Net.Http.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Features;

/// <summary>Twenty simultaneous refreshes with one token, the contract's concurrency rule.</summary>
public sealed class RefreshTokenConcurrencyTests
{
    private const int Racers = 20;

    [Fact]
    public async Task Refresh_ConcurrentWithZeroLeeway_ExactlyOneSucceedsAndTheSessionIsRevoked()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:RefreshTokenReuseLeeway"] = "00:00:00" });
        var client = factory.CreateClient();
        var login = await client.LoginAsync();

        var responses = await RaceAsync(client, login.RefreshToken!);

        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var loser in responses.Where(r => r != winner))
        {
            await loser.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        }

        var successor = (await winner.Content.ReadFromJsonAsync<TestTokens>())!;
        await (await client.PostRefreshAsync(successor.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        (await client.GetProtectedAsync(successor.AccessToken)).AssertInvalidTokenChallenge();
    }

    [Fact]
    public async Task Refresh_ConcurrentWithDefaultLeeway_AllSucceedWithOneSuccessor()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var login = await client.LoginAsync();

        var responses = await RaceAsync(client, login.RefreshToken!);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var successors = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<TestTokens>()));
        var successor = Assert.Single(successors.Select(s => s!.RefreshToken).Distinct());
        await client.RefreshAsync(successor!);
    }

    private static async Task<HttpResponseMessage[]> RaceAsync(HttpClient client, string refreshToken)
    {
        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, Racers).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await client.PostRefreshAsync(refreshToken);
        })).ToArray();
        start.Set();
        return await Task.WhenAll(racers);
    }
}
