using System.Net;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Features;

/// <summary>
/// API.md, Abuse: failed logins slow down the client that fails and the username it targets, but the owner's correct
/// password from a client that has not been failing is never refused because of other clients' failures; logins in
/// flight are not failures; an IPv6 client is counted by its /64. Clients are told apart through a trusted proxy.
/// </summary>
public sealed class LoginThrottleOwnerTests
{
    private const string Attacker = "203.0.113.66";
    private const string Owner = "198.51.100.7";

    [Fact]
    public async Task OwnersCorrectPassword_FromAClientThatHasNotFailed_GetsInWhileTheUsernameIsUnderAttack()
    {
        await using var server = Start(new() { ["Auth:LoginRateLimit:FailuresPerUsername"] = "10" });
        var client = server.Client;
        var victim = await client.RegisterAsync();

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            guesses.Add((await client.PostLoginFromAsync(Attacker, victim with { Password = $"a guess number {i} for it" })).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, guesses);
        Assert.Equal(HttpStatusCode.OK, (await client.PostLoginFromAsync(Owner, victim)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostLoginFromAsync(Owner, victim)).StatusCode);
    }

    [Fact]
    public async Task ThirtyTwoConcurrentCorrectLogins_OfOneUser_AllSucceed()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?>
        {
            ["Auth:LoginRateLimit:FailuresPerUsername"] = "10",
            ["Auth:LoginRateLimit:FailuresPerClient"] = "30",
            ["Auth:Password:MaxConcurrentHashes"] = "2",
            ["Auth:Password:MaxQueuedHashes"] = "64",
        });
        var client = factory.CreateClient();
        var user = await client.RegisterAsync();

        var logins = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => client.PostLoginAsync(user)));

        Assert.All(logins, login => Assert.Equal(HttpStatusCode.OK, login.StatusCode));
    }

    [Fact]
    public async Task AClientThatKeepsFailing_WaitsTwiceAsLongAfterEachFailure_OnceTheUsernameIsUnderAttack()
    {
        await using var server = Start(new() { ["Auth:LoginRateLimit:FailuresPerUsername"] = "3" });
        var client = server.Client;
        var victim = await client.RegisterAsync();
        var wrong = victim with { Password = "not the password at all" };
        for (var i = 0; i < 3; i++)
        {
            await (await client.PostLoginFromAsync(Attacker, wrong)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        }

        var held = await client.PostLoginFromAsync(Attacker, victim);
        await held.AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(TimeSpan.FromSeconds(4), held.Headers.RetryAfter?.Delta);

        server.Factory.Clock.Advance(TimeSpan.FromSeconds(4));
        await (await client.PostLoginFromAsync(Attacker, wrong)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        var heldLonger = await client.PostLoginFromAsync(Attacker, wrong);
        Assert.Equal(TimeSpan.FromSeconds(8), heldLonger.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, (await client.PostLoginFromAsync(Owner, victim)).StatusCode);
    }

    [Fact]
    public async Task UsernameLockout_WhenSwitchedOn_RefusesEveryClientPastTheLimit()
    {
        await using var server = Start(new() { ["Auth:LoginRateLimit:FailuresPerUsername"] = "3", ["Auth:LoginRateLimit:UsernameLockout"] = "true" });
        var client = server.Client;
        var victim = await client.RegisterAsync();
        for (var i = 0; i < 3; i++)
        {
            await client.PostLoginFromAsync(Attacker, victim with { Password = "not the password at all" });
        }

        var owner = await client.PostLoginFromAsync(Owner, victim);

        await owner.AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(owner.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(14));
    }

    [Fact]
    public async Task AnIPv6Client_IsCountedByIts64_SoFreshAddressesInItDoNotEscapeTheLimit()
    {
        await using var server = Start(new() { ["Auth:LoginRateLimit:FailuresPerClient"] = "3" });
        var client = server.Client;
        for (var i = 1; i <= 3; i++)
        {
            await (await client.PostLoginFromAsync($"2001:db8:1:2::{i}", TestUser.Unique())).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        }

        await (await client.PostLoginFromAsync("2001:db8:1:2:ffff:ffff:ffff:ffff", TestUser.Unique())).AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        await (await client.PostLoginFromAsync("2001:db8:1:3::1", TestUser.Unique())).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    private static LoopbackAuthServer Start(Dictionary<string, string?> settings)
    {
        foreach (var (key, value) in ForwardedClient.TrustLoopbackProxy)
        {
            settings[key] = value;
        }

        return LoopbackAuthServer.Start(settings);
    }
}
