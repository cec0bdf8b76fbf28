using System.Net;
using AuthServer.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AuthServer.Tests.ResourceServer;

/// <summary>
/// A team's API as its own process, using the package, beside AuthServer on Kestrel: every way a session ends reaches it
/// within the lists' ttl (1 s here), with no call to AuthServer per request, and the other sessions go on.
/// </summary>
public sealed class ResourceServerProcessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(4); // the ttl, a refresh pass, and a busy machine's slack

    [Fact]
    public async Task EveryWayASessionEnds_ReachesTheApiWithinTheTtl_AndOtherSessionsKeepWorking()
    {
        await using var auth = LoopbackAuthServer.Start(
            new Dictionary<string, string?> { ["Auth:StatusList:TimeToLive"] = "00:00:01", ["Auth:RefreshTokenReuseLeeway"] = "00:00:00" },
            new TestTimeProvider(DateTimeOffset.UtcNow));
        var client = auth.Client;
        await using var api = await ApiProcess.StartAsync(auth.Issuer, "test-api");
        var user = await client.RegisterAsync();
        var loggedOut = await client.LoginAsync(user);
        var bystander = await client.LoginAsync(user);
        var everywhere = await client.RegisterAsync();
        var lostDevice = await client.LoginAsync(everywhere);
        var changer = await client.RegisterAsync();
        var beforeChange = await client.LoginAsync(changer);
        var stolen = await client.LoginAsync();
        foreach (var tokens in new[] { loggedOut, bystander, lostDevice, beforeChange, stolen })
        {
            var accepted = await api.GetOrdersAsync(tokens.AccessToken);
            Assert.True(accepted.StatusCode == HttpStatusCode.OK, $"{accepted.StatusCode} {accepted.Headers.WwwAuthenticate}\n{api.Output}");
        }

        await client.PostLogoutAsync(accessToken: loggedOut.AccessToken);
        output.WriteLine($"logout:          refused after {(await api.RefusedWithinAsync(loggedOut.AccessToken, Bound)).TotalMilliseconds:F0} ms");
        await client.SendWithTokenAsync(HttpMethod.Post, "/logout-all", lostDevice.AccessToken);
        output.WriteLine($"logout-all:      refused after {(await api.RefusedWithinAsync(lostDevice.AccessToken, Bound)).TotalMilliseconds:F0} ms");
        await client.PostChangePasswordAsync(beforeChange.AccessToken, changer.Password, "another long passphrase 9");
        output.WriteLine($"password change: refused after {(await api.RefusedWithinAsync(beforeChange.AccessToken, Bound)).TotalMilliseconds:F0} ms");
        await client.RefreshAsync(stolen.RefreshToken!);
        await client.PostRefreshAsync(stolen.RefreshToken!); // the consumed token comes back: theft
        output.WriteLine($"reuse detected:  refused after {(await api.RefusedWithinAsync(stolen.AccessToken, Bound)).TotalMilliseconds:F0} ms");

        Assert.Equal(HttpStatusCode.OK, (await api.GetOrdersAsync(bystander.AccessToken)).StatusCode);
    }
}
