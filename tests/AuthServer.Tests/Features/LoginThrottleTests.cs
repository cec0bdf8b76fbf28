using System.Net;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Features;

public sealed class LoginThrottleTests
{
    [Fact]
    public async Task Login_TooManyFailuresForOneUsername_Returns429WithRetryAfter()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:LoginRateLimit:FailuresPerUsername"] = "3" });
        var client = factory.CreateClient();
        var user = await client.RegisterAsync();

        for (var i = 0; i < 3; i++)
        {
            await (await client.PostLoginAsync(user with { Password = "wrong passphrase number " + i })).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        }

        var throttled = await client.PostLoginAsync(user);

        await throttled.AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Login_TooManyFailuresFromOneClient_Returns429ForAnyUsername()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:LoginRateLimit:FailuresPerClient"] = "3" });
        var client = factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            await (await client.PostLoginAsync(TestUser.Unique())).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        }

        var throttled = await client.PostLoginAsync(TestUser.Unique());

        await throttled.AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(throttled.Headers.RetryAfter);
    }

    [Fact]
    public async Task Login_ParallelBurstOfWrongPasswords_VerifiesNoMoreThanTheLimit()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?>
        {
            ["Auth:LoginRateLimit:FailuresPerUsername"] = "3",
            ["Auth:Password:MaxConcurrentHashes"] = "1",
        });
        var client = factory.CreateClient();
        var user = await client.RegisterAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.PostLoginAsync(user with { Password = $"wrong passphrase number {i}" })));

        Assert.InRange(responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized), 1, 3);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
    }

    [Fact]
    public async Task Login_SuccessfulLogins_AreNotThrottled()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:LoginRateLimit:FailuresPerUsername"] = "2" });
        var client = factory.CreateClient();
        var user = await client.RegisterAsync();

        for (var i = 0; i < 5; i++)
        {
            await client.LoginAsync(user);
        }
    }

    [Fact]
    public async Task ChangePassword_TooManyWrongCurrentPasswords_Returns429AndLeavesLoginAlone()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:LoginRateLimit:FailuresPerUsername"] = "3" });
        var client = factory.CreateClient();
        var user = await client.RegisterAsync();
        var tokens = await client.LoginAsync(user);

        for (var i = 0; i < 3; i++)
        {
            var guess = await client.PostChangePasswordAsync(tokens.AccessToken, "wrong passphrase number " + i, "copper meadow kettle 42");
            await guess.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        }

        var throttled = await client.PostChangePasswordAsync(tokens.AccessToken, user.Password, "copper meadow kettle 42");

        await throttled.AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await client.PostLoginAsync(user)).StatusCode);
    }

    [Fact]
    public async Task FailedLoginsForAUsername_DoNotBlockItsOwnerFromChangingThePassword()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:LoginRateLimit:FailuresPerUsername"] = "3" });
        var client = factory.CreateClient();
        var user = await client.RegisterAsync();
        var tokens = await client.LoginAsync(user);
        for (var i = 0; i < 3; i++)
        {
            await client.PostLoginAsync(user with { Password = "an attacker's guess " + i });
        }

        await (await client.PostLoginAsync(user)).AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        var change = await client.PostChangePasswordAsync(tokens.AccessToken, user.Password, "copper meadow kettle 42");

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
    }
}
