using System.Net;
using System.Text.Json;
using AuthServer.Sessions;
using AuthServer.Telemetry;
using AuthServer.Tests.Infrastructure;
using AuthServer.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Sessions;

public sealed class SessionLivenessTests
{
    private static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(7);

    [Fact]
    public async Task GaugeAndSessionList_AgreeThatASessionCutOffByTokensValidAfterIsNotLive()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        using var metrics = new MetricsRecorder(factory.Services);
        var user = await client.RegisterAsync();
        var escaped = await client.LoginAsync(user);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var later = await client.LoginAsync(user);

        // As if a logout-all had committed between the two logins and the first session had escaped its revocation.
        var cutOff = factory.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(30);
        await factory.QueryAsync(db => db.Users.Where(u => u.Username == user.Username)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.TokensValidAfterUtc, cutOff)));

        var listed = await client.SendWithTokenAsync(HttpMethod.Get, "/sessions", later.AccessToken);
        await factory.Services.GetRequiredService<LiveSessionsGauge>().CountAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        using var body = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
        var listedIds = body.RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal([AccessTokenReader.SessionIdOf(later.AccessToken)], listedIds);
        Assert.Equal(listedIds.Count, metrics.Observe("authserver.sessions.live"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetProtectedAsync(escaped.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostRefreshAsync(escaped.RefreshToken!)).StatusCode);
    }

    [Fact]
    public async Task GaugeTokensAndRefresh_AgreeThatASessionOfADisabledUserIsNotLive()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:RevocationCacheDuration"] = "00:00:00" });
        var client = factory.CreateClient();
        using var metrics = new MetricsRecorder(factory.Services);
        var user = await client.RegisterAsync();
        var escaped = await client.LoginAsync(user);
        await client.LoginAsync();

        // As if the user had been disabled and this session had escaped the revocation that comes with it.
        var disabledAt = factory.Clock.GetUtcNow().UtcDateTime;
        await factory.QueryAsync(db => db.Users.Where(u => u.Username == user.Username)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.DisabledAtUtc, disabledAt)));
        await factory.Services.GetRequiredService<LiveSessionsGauge>().CountAsync(CancellationToken.None);

        Assert.Equal(1, metrics.Observe("authserver.sessions.live"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetProtectedAsync(escaped.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostRefreshAsync(escaped.RefreshToken!)).StatusCode);
    }

    [Fact]
    public async Task TheRuleInSqlAndTheRuleInMemory_AgreeOnEverySession()
    {
        using var factory = new AuthServerFactory();
        _ = factory.CreateClient();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var user = new User
        {
            Id = Guid.NewGuid(),
            Username = "liveness",
            NormalizedUsername = "LIVENESS",
            PasswordHash = "not used",
            CreatedAtUtc = now.AddDays(-20),
            TokensValidAfterUtc = now.AddDays(-10),
        };
        Session At(int daysAgoCreated, int daysAgoUsed, int daysToEnd, bool revoked = false, User? of = null) => new()
        {
            Id = Guid.NewGuid(),
            UserId = (of ?? user).Id,
            CreatedAtUtc = now.AddDays(-daysAgoCreated),
            LastUsedAtUtc = now.AddDays(-daysAgoUsed),
            RefreshExpiresAtUtc = now.AddDays(-daysAgoUsed) + RefreshTokenLifetime,
            ExpiresAtUtc = now.AddDays(daysToEnd),
            RevokedAtUtc = revoked ? now.AddDays(-1) : null,
        };
        var disabledUser = new User
        {
            Id = Guid.NewGuid(),
            Username = "disabled",
            NormalizedUsername = "DISABLED",
            PasswordHash = "not used",
            CreatedAtUtc = now.AddDays(-20),
            TokensValidAfterUtc = now.AddDays(-10),
            DisabledAtUtc = now.AddDays(-1),
        };
        var live = At(daysAgoCreated: 5, daysAgoUsed: 1, daysToEnd: 25);
        var sessions = new[]
        {
            live,
            At(daysAgoCreated: 5, daysAgoUsed: 1, daysToEnd: 25, revoked: true),
            At(daysAgoCreated: 9, daysAgoUsed: 1, daysToEnd: 0),
            At(daysAgoCreated: 9, daysAgoUsed: 7, daysToEnd: 21),
            At(daysAgoCreated: 11, daysAgoUsed: 1, daysToEnd: 19),
            At(daysAgoCreated: 5, daysAgoUsed: 1, daysToEnd: 25, of: disabledUser),
        };
        await factory.QueryAsync(async db =>
        {
            db.Users.AddRange(user, disabledUser);
            db.Sessions.AddRange(sessions);
            return await db.SaveChangesAsync();
        });

        var inSql = await factory.QueryAsync(db => db.Sessions.Where(SessionLiveness.LiveAt(now)).Select(s => s.Id).ToListAsync());
        var endedInSql = await factory.QueryAsync(db => db.Sessions.Where(SessionLiveness.EndedAt(now)).Select(s => s.Id).ToListAsync());
        var inMemory = await factory.QueryAsync(async db => (await db.Sessions.Include(s => s.User).ToListAsync())
            .Where(s => s.IsLiveAt(now)).Select(s => s.Id).ToList());

        Assert.Equal([live.Id], inSql);
        Assert.Equal([live.Id], inMemory);
        Assert.Equal(sessions.Length - 1, endedInSql.Count);
        Assert.DoesNotContain(live.Id, endedInSql);
    }
}
