using System.Net;
using System.Net.Http.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Features;

/// <summary>API.md, Abuse: registration is limited per client, a taken name included; then 429 <c>rate_limited</c> with <c>Retry-After</c>.</summary>
public sealed class RegistrationLimitTests
{
    [Fact]
    public async Task Register_PastThePermitsPerClient_Returns429WithRetryAfter_CountingTakenNames_UntilTheWindowEnds()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?>
        {
            ["Auth:RegistrationRateLimit:PermitsPerClient"] = "3",
            ["Auth:RegistrationRateLimit:Window"] = "01:00:00",
        });
        var client = factory.CreateClient();
        var first = await client.RegisterAsync();
        await client.RegisterAsync();
        await (await Register(client, first.Username)).AssertErrorAsync(HttpStatusCode.Conflict, "username_taken");
        var before = await factory.CountRowsAsync();

        var refused = await Register(client, TestUser.Unique().Username);
        var oracle = await Register(client, first.Username);

        await refused.AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(TimeSpan.FromHours(1), refused.Headers.RetryAfter?.Delta);
        await oracle.AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(before, await factory.CountRowsAsync());

        factory.Clock.Advance(TimeSpan.FromHours(1));
        await client.RegisterAsync();
    }

    [Fact]
    public async Task Register_TheLimitOfOneClient_LeavesOtherClientsAlone()
    {
        var settings = new Dictionary<string, string?>(ForwardedClient.TrustLoopbackProxy) { ["Auth:RegistrationRateLimit:PermitsPerClient"] = "1" };
        await using var server = LoopbackAuthServer.Start(settings);

        var first = await server.Client.PostAsJsonFromAsync("203.0.113.1", "/register", new { username = TestUser.Unique().Username, password = TestUser.DefaultPassword });
        var second = await server.Client.PostAsJsonFromAsync("203.0.113.1", "/register", new { username = TestUser.Unique().Username, password = TestUser.DefaultPassword });
        var other = await server.Client.PostAsJsonFromAsync("203.0.113.2", "/register", new { username = TestUser.Unique().Username, password = TestUser.DefaultPassword });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await second.AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    private static Task<HttpResponseMessage> Register(HttpClient client, string username) =>
        client.PostAsJsonAsync("/register", new { username, password = TestUser.DefaultPassword });
}
