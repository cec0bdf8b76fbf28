using System.Net;
using System.Net.Http.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Features;

/// <summary>Twenty simultaneous refreshes with one token, the contract's concurrency rule; many sessions refreshed at once.</summary>
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

    [Fact]
    public async Task ThirtyTwoSessions_EachRefreshedTenTimesConcurrently_AllRotate()
    {
        // Every rotation is a write transaction: on SQLite they queue for its one write lock (SqliteWriteGate), none fails.
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var user = await client.RegisterAsync();
        var chains = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => client.LoginAsync(user)));

        var ends = await Task.WhenAll(chains.Select(login => Task.Run(async () =>
        {
            var tokens = login;
            for (var i = 0; i < 10; i++)
            {
                tokens = await client.RefreshAsync(tokens.RefreshToken!);
            }

            return tokens;
        })));

        Assert.Equal(32, ends.Select(t => t.RefreshToken).Distinct().Count());
        foreach (var (start, end) in chains.Zip(ends))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetProtectedAsync(end.AccessToken)).StatusCode);
            await (await client.PostRefreshAsync(start.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        }
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
