using System.Net;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace AuthServer.Tests.Telemetry;

/// <summary>Every admin action is an audit event naming the administrator and the user, and is counted.</summary>
public sealed class AdminAuditTests
{
    [Fact]
    public async Task AdminActions_AreAuditEventsNamingTheAdministratorAndTheUser_AndAreCounted_WithoutAnySecret()
    {
        using var factory = new LoggedAuthServerFactory(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        });
        var client = factory.CreateClient();
        using var metrics = new MetricsRecorder(factory.Services);
        var adminUser = await client.RegisterAsync();
        var admin = await factory.LoginAsAdministratorAsync(client, adminUser);
        var user = await client.RegisterAsync();
        var tokens = await client.LoginAsync(user);
        var adminId = admin.UserIdOf();
        var userId = tokens.UserIdOf();

        await client.ListUsersAsync(admin.AccessToken);
        await client.GetUsersAsync(admin.AccessToken, "?limit=0");
        await client.PostGrantRoleAsync(admin.AccessToken, userId, "editor");
        await client.PostGrantRoleAsync(admin.AccessToken, userId, "editor");
        await client.PostGrantRoleAsync(admin.AccessToken, userId, "not valid");
        await client.DeleteRoleAsync(admin.AccessToken, userId, "editor");
        await client.PostUserActionAsync(admin.AccessToken, userId, "disable");
        await client.PostLoginAsync(user);
        await client.PostUserActionAsync(admin.AccessToken, adminId, "disable");
        await client.PostUserActionAsync(admin.AccessToken, Guid.NewGuid().ToString(), "enable");
        await client.PostUserActionAsync(admin.AccessToken, userId, "enable");
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await client.LoginAsync(user);
        await client.PostUserActionAsync(admin.AccessToken, userId, "logout-all");
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var last = await client.LoginAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetUsersAsync(last.AccessToken)).StatusCode);

        var records = factory.Logs.Records.ToList();
        foreach (var (id, name) in new[]
        {
            (3025, "UsersListed"), (3020, "RoleGranted"), (3021, "RoleRevoked"), (3022, "UserDisabled"), (3023, "UserEnabled"),
            (3024, "UserLoggedOutByAdministrator"),
        })
        {
            Assert.Contains(records, r => r.EventId.Id == id && r.EventId.Name == name && r.Level == LogLevel.Information
                && r.Text.Contains($"Administrator={adminId}", StringComparison.Ordinal)
                && (id == 3025 || r.Text.Contains($"UserId={userId}", StringComparison.Ordinal)));
        }

        Assert.Contains(records, r => r.EventId.Id == 3020 && r.Text.Contains("Changed=False", StringComparison.Ordinal));
        Assert.Contains(records, r => r.EventId.Id == 3020 && r.Text.Contains("Administrator=command-line", StringComparison.Ordinal));
        var refusals = records.Where(r => r.EventId.Id == 3026).ToList();
        Assert.True(refusals.Count == 3, string.Join("\n", refusals.Select(r => r.Message)));
        Assert.All(refusals, r => Assert.Equal(LogLevel.Warning, r.Level));
        Assert.Contains(refusals, r => r.Text.Contains("Action=disable", StringComparison.Ordinal) && r.Text.Contains($"UserId={adminId}", StringComparison.Ordinal));
        Assert.Contains(records, r => r.EventId.Id == 3007 && r.EventId.Name == "LoginRefusedDisabled" && r.Text.Contains($"UserId={userId}", StringComparison.Ordinal));
        Assert.Contains(records, r => r.EventId.Id == 3027 && r.Text.Contains($"UserId={userId}", StringComparison.Ordinal));
        Assert.Contains(records, r => r.EventId.Id == 2008 && r.Text.Contains("Reason=UserDisabled", StringComparison.Ordinal));
        Assert.Contains(records, r => r.EventId.Id == 2008 && r.Text.Contains("Reason=LogoutAllByAdministrator", StringComparison.Ordinal));

        Assert.Equal(2, metrics.Sum("authserver.admin_actions", "action", "list_users"));
        Assert.Equal(4, metrics.Sum("authserver.admin_actions", "action", "grant_role")); // the command line made the administrator
        Assert.Equal(2, metrics.Sum("authserver.admin_actions", "action", "disable"));
        Assert.Equal(2, metrics.Sum("authserver.admin_actions", "action", "enable"));
        Assert.Equal(1, metrics.Sum("authserver.admin_actions", "action", "revoke_role"));
        Assert.Equal(1, metrics.Sum("authserver.admin_actions", "action", "logout_all"));
        Assert.Equal(1, metrics.Sum("authserver.admin_actions", "outcome", "unchanged"));
        Assert.Equal(1, metrics.Sum("authserver.admin_actions", "outcome", "conflict"));
        Assert.Equal(1, metrics.Sum("authserver.admin_actions", "outcome", "not_found"));
        Assert.Equal(2, metrics.Sum("authserver.admin_actions", "outcome", "invalid_request"));
        Assert.Equal(1, metrics.Sum("authserver.session_revocations", "reason", "user_disabled"));
        Assert.Equal(1, metrics.Sum("authserver.session_revocations", "reason", "admin_logout_all"));
        Assert.Equal(1, metrics.Sum("authserver.logins", "outcome", "disabled"));

        var secrets = new[] { adminUser.Password, user.Password, admin.AccessToken, admin.RefreshToken!, tokens.AccessToken, tokens.RefreshToken!, last.AccessToken, last.RefreshToken! };
        foreach (var record in records)
        {
            foreach (var secret in secrets)
            {
                Assert.False(record.Text.Contains(secret, StringComparison.Ordinal), $"{record.Category} {record.EventId} logged a secret: {record.Text}");
            }
        }
    }
}
