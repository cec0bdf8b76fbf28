using System.Net.Http.Headers;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Features;

/// <summary>
/// Forwarded headers only from configured proxies (<c>ForwardedHeaders:KnownProxies</c>, <c>KnownNetworks</c>): the
/// client address that sessions, the throttle and the audit log record is the forwarded one only then. Run as the real
/// process, where <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> takes effect as an operator would set it.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Forged = "203.0.113.99";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WithoutConfiguredProxies_XForwardedForIsIgnored_EvenWithForwardedHeadersEnabled(bool forwardedHeadersEnabled)
    {
        await using var server = await RunningServer.StartAsync(forwardedHeadersEnabled
            ? new Dictionary<string, string?> { ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true" }
            : null);

        Assert.Equal("127.0.0.1", await SessionIpAsync(server.Client));
    }

    [Fact]
    public async Task AForwardedHeaderFromAnAddressThatIsNotAConfiguredProxy_IsIgnored()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "10.9.9.9",
            ["ForwardedHeaders:KnownNetworks:0"] = "192.0.2.0/24",
        });

        Assert.Equal("127.0.0.1", await SessionIpAsync(server.Client));
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "127.0.0.1")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "127.0.0.0/8")]
    public async Task FromAConfiguredProxy_TheForwardedClientIsRecorded(string key, string value)
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { [key] = value });

        Assert.Equal(Forged, await SessionIpAsync(server.Client));
    }

    /// <summary>Registers and logs in with a forwarded address, and returns the address the session recorded.</summary>
    private static async Task<string?> SessionIpAsync(HttpClient client)
    {
        var user = TestUser.Unique();
        await client.PostAsJsonFromAsync(Forged, "/register", new { username = user.Username, password = user.Password });
        var login = await client.PostLoginFromAsync(Forged, user);
        var tokens = JsonSerializer.Deserialize<TestTokens>(await login.Content.ReadAsStringAsync())!;
        var request = new HttpRequestMessage(HttpMethod.Get, "/sessions");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        request.Headers.Add("X-Forwarded-For", Forged);
        using var sessions = JsonDocument.Parse(await (await client.SendAsync(request)).Content.ReadAsStringAsync());
        return sessions.RootElement[0].GetProperty("ip").GetString();
    }
}
