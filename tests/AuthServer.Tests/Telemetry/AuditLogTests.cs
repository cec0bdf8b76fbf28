using System.Net;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace AuthServer.Tests.Telemetry;

public sealed class AuditLogTests
{
    private const string NewPassword = "copper meadow kettle 42";
    private const string WrongPassword = "an entirely wrong guess";

    [Fact]
    public async Task SecurityEvents_AreLogged_WithoutAnyPasswordOrToken()
    {
        using var factory = new LoggedAuthServerFactory(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        });
        var client = factory.CreateClient();
        var user = await client.RegisterAsync();
        var secrets = new List<string> { user.Password, NewPassword, WrongPassword };

        await client.PostLoginAsync(user with { Password = WrongPassword });
        var login = await client.LoginAsync(user);
        var refreshed = await client.RefreshAsync(login.RefreshToken!);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.PostRefreshAsync(login.RefreshToken!);
        var other = await client.LoginAsync(user);
        await client.GetProtectedAsync(other.AccessToken + "x");
        await client.PostLogoutAsync(accessToken: other.AccessToken, refreshToken: other.RefreshToken);
        var third = await client.LoginAsync(user);
        await client.PostChangePasswordAsync(third.AccessToken, WrongPassword, NewPassword);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostChangePasswordAsync(third.AccessToken, user.Password, NewPassword)).StatusCode);
        var last = await client.LoginAsync(user with { Password = NewPassword });
        await client.SendWithTokenAsync(HttpMethod.Post, "/logout-all", last.AccessToken);
        foreach (var tokens in new[] { login, refreshed, other, third, last })
        {
            secrets.Add(tokens.RefreshToken!);
            secrets.Add(tokens.AccessToken);
            secrets.Add(tokens.AccessToken.Split('.')[2]);
        }

        var records = factory.Logs.Records.ToList();
        // The framework's own chatter is in too: the search below covers every category, not only ours.
        Assert.Contains(records, r => r.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) && r.Level == LogLevel.Debug);
        Assert.Contains(records, r => r.Category.StartsWith("Microsoft.AspNetCore.Authentication", StringComparison.Ordinal));
        foreach (var (id, name) in new[]
        {
            (3002, "LoginSucceeded"), (3003, "LoginFailed"), (2005, "SessionRefreshed"), (2002, "RefreshTokenReuseDetected"),
            (2007, "SessionRevoked"), (3006, "PasswordChangeRefused"), (3005, "PasswordChanged"), (2008, "AllSessionsRevoked"),
        })
        {
            Assert.Contains(records, r => r.EventId.Id == id && r.EventId.Name == name);
        }

        Assert.Contains(records, r => r.EventId.Id == 2007 && r.Text.Contains("Logout", StringComparison.Ordinal));
        Assert.Contains(records, r => r.EventId.Id == 2008 && r.Text.Contains("LogoutAll", StringComparison.Ordinal));
        Assert.Contains(records, r => r.EventId.Id == 2008 && r.Text.Contains("PasswordChanged", StringComparison.Ordinal));
        foreach (var record in records)
        {
            foreach (var secret in secrets)
            {
                Assert.False(record.Text.Contains(secret, StringComparison.Ordinal), $"{record.Category} {record.EventId} logged a secret: {record.Text}");
            }
        }
    }
}
