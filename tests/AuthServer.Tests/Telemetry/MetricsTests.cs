using System.Net;
using AuthServer.Telemetry;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Telemetry;

public sealed class MetricsTests
{
    [Fact]
    public async Task Logins_AreCountedByOutcome()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:LoginRateLimit:FailuresPerUsername"] = "1" });
        var client = factory.CreateClient();
        using var metrics = new MetricsRecorder(factory.Services);
        var user = await client.RegisterAsync();
        var guessed = await client.RegisterAsync();

        await client.LoginAsync(user);
        await client.PostLoginAsync(guessed with { Password = "a wrong guess of it" });
        await client.PostLoginAsync(guessed with { Password = "a second wrong guess" });

        Assert.Equal(1, metrics.Sum("authserver.logins", "outcome", "succeeded"));
        Assert.Equal(1, metrics.Sum("authserver.logins", "outcome", "failed"));
        Assert.Equal(1, metrics.Sum("authserver.logins", "outcome", "throttled"));
    }

    [Fact]
    public async Task Refreshes_AreCountedByOutcome_AndReuseAsADetectionAndARevocation()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        using var metrics = new MetricsRecorder(factory.Services);
        var login = await client.LoginAsync();

        await client.RefreshAsync(login.RefreshToken!);
        await client.RefreshAsync(login.RefreshToken!);
        await client.PostRefreshAsync("not-a-refresh-token");
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.PostRefreshAsync(login.RefreshToken!);

        Assert.Equal(1, metrics.Sum("authserver.refreshes", "outcome", "rotated"));
        Assert.Equal(1, metrics.Sum("authserver.refreshes", "outcome", "repeated"));
        Assert.Equal(1, metrics.Sum("authserver.refreshes", "outcome", "refused"));
        Assert.Equal(1, metrics.Sum("authserver.refreshes", "outcome", "reused"));
        Assert.Equal(1, metrics.Sum("authserver.refresh_token_reuse_detections"));
        Assert.Equal(1, metrics.Sum("authserver.session_revocations", "reason", "refresh_token_reuse"));
    }

    [Fact]
    public async Task Revocations_AreCountedBySessionAndReason()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        using var metrics = new MetricsRecorder(factory.Services);
        var user = await client.RegisterAsync();
        var first = await client.LoginAsync(user);
        var second = await client.LoginAsync(user);
        var third = await client.LoginAsync(user);

        await client.PostLogoutAsync(accessToken: first.AccessToken);
        await client.SendWithTokenAsync(HttpMethod.Delete, $"/sessions/{AccessTokenReader.SessionIdOf(second.AccessToken)}", third.AccessToken);
        await client.LoginAsync(user);
        await client.SendWithTokenAsync(HttpMethod.Post, "/logout-all", third.AccessToken);
        var last = await client.LoginAsync(user);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostChangePasswordAsync(last.AccessToken, user.Password, "copper meadow kettle 42")).StatusCode);

        Assert.Equal(1, metrics.Sum("authserver.session_revocations", "reason", "logout"));
        Assert.Equal(1, metrics.Sum("authserver.session_revocations", "reason", "ended_by_user"));
        Assert.Equal(2, metrics.Sum("authserver.session_revocations", "reason", "logout_all"));
        Assert.Equal(1, metrics.Sum("authserver.session_revocations", "reason", "password_changed"));
        Assert.Equal(1, metrics.Sum("authserver.password_changes", "outcome", "succeeded"));
    }

    [Fact]
    public async Task LiveSessionsGauge_ReportsSessionsThatCanStillBeRefreshed()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        using var metrics = new MetricsRecorder(factory.Services);
        var gauge = factory.Services.GetRequiredService<LiveSessionsGauge>();
        var user = await client.RegisterAsync();
        var loggedOut = await client.LoginAsync(user);
        await client.LoginAsync(user);
        await client.LoginAsync(user);
        await client.PostLogoutAsync(accessToken: loggedOut.AccessToken);

        await gauge.CountAsync(CancellationToken.None);
        Assert.Equal(2, metrics.Observe("authserver.sessions.live"));

        // Idle past the refresh token lifetime: nothing left to refresh with.
        factory.Clock.Advance(TimeSpan.FromDays(7));
        await gauge.CountAsync(CancellationToken.None);
        Assert.Equal(0, metrics.Observe("authserver.sessions.live"));
    }
}
