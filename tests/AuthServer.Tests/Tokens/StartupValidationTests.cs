using AuthServer.Infrastructure;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AuthServer.Tests.Tokens;

/// <summary>The server refuses to start with settings that would make it insecure or inconsistent.</summary>
public sealed class StartupValidationTests
{
    public static TheoryData<string?, string> WeakSecrets => new()
    {
        { null, "required" },
        { "", "required" },
        { "too-short-secret", "at least 32 bytes" },
        { new string('a', 64), "repetitive" },
        { string.Concat(Enumerable.Repeat("changeme", 6)), "repetitive" },
    };

    [Theory]
    [MemberData(nameof(WeakSecrets))]
    public async Task HS256_WithAWeakOrMissingSecret_RefusesToStart(string? secret, string reason)
    {
        var output = await StartFailsAsync(new() { ["Auth:SigningAlgorithm"] = "HS256", ["Auth:SigningSecret"] = secret });

        Assert.Contains(reason, output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HS256_WithAWeakSecret_RefusesToStartInProduction()
    {
        var output = await StartFailsAsync(new() { ["Auth:SigningAlgorithm"] = "HS256", ["Auth:SigningSecret"] = "short", ["Auth:Issuer"] = "https://auth.example" }, "Production");

        Assert.Contains("Auth:SigningSecret must have at least 32 bytes", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScopeThatIsNoScopeToken_RefusesToStart()
    {
        var output = await StartFailsAsync(new() { ["Auth:Scopes:0"] = "resource.read", ["Auth:Scopes:1"] = "has\"quote" });

        Assert.Contains("is not a scope token", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WithAnHttpIssuer_RefusesToStart()
    {
        var output = await StartFailsAsync(new() { ["Auth:Issuer"] = "http://auth.example" }, "Production");

        Assert.Contains("Auth:Issuer must be an https URL in Production", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_WithAnHttpsIssuer_Starts()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:Issuer"] = "https://auth.example" }) { Environment = "Production" };

        factory.CreateClient();
    }

    [Theory]
    [InlineData("Auth:SigningAlgorithm", "PS512")]
    [InlineData("Auth:AccessTokenLifetime", "8.00:00:00")]
    [InlineData("Auth:RefreshTokenLifetime", "400.00:00:00")]
    [InlineData("Auth:Password:MinLength", "4")]
    [InlineData("Auth:Issuer", "not a url")]
    [InlineData("Auth:SigningKeys:RotationPeriod", "12:00:00")]
    [InlineData("Auth:SigningKeys:AnnouncementPeriod", "00:00:30")]
    [InlineData("Auth:AdminRole", "site admins")]
    public async Task InconsistentSetting_RefusesToStart(string key, string value)
    {
        var output = await StartFailsAsync(new() { [key] = value });

        Assert.Contains(key.Split(':')[^1], output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Database:Provider", "Oracle", "Database:Provider must be one of Sqlite, Postgres, not 'Oracle'.")]
    [InlineData("Auth:AccessTokenLifetime", "fifteen minutes", "Auth:AccessTokenLifetime must be a duration such as 00:15:00, not 'fifteen minutes'.")]
    [InlineData("Auth:Password:WorkFactor", "12.5", "Auth:Password:WorkFactor must be a whole number, not '12.5'.")]
    public async Task ASettingOfTheWrongType_RefusesToStart_SayingWhatItMustBe(string key, string value, string message)
    {
        var output = await StartFailsAsync(new() { [key] = value });

        Assert.StartsWith("AuthServer cannot start: " + message, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Auth:Pruning:BatchSize", "0")]
    [InlineData("Auth:Pruning:Retention", "-1.00:00:00")]
    [InlineData("Auth:Pruning:Retention", "6.23:59:59")]
    [InlineData("Auth:Pruning:Interval", "00:00:00")]
    public async Task Pruning_WithAnInvalidSetting_RefusesToStart(string key, string value)
    {
        var output = await StartFailsAsync(new() { [key] = value });

        Assert.Contains(key.Split(':')[^1], output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Auth:SessionLifetime", "00:02:00")]
    [InlineData("Auth:RefreshTokenLifetime", "00:00:10")]
    public async Task AShortLifetimeSetAlone_Starts_AndTokensStayWithinTheSession(string key, string value)
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { [key] = value });
        var lifetime = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        var tokens = await factory.CreateClient().LoginAsync();

        Assert.True(tokens.RefreshTokenExpiresIn <= lifetime.TotalSeconds, $"refresh_token_expires_in {tokens.RefreshTokenExpiresIn}");
        if (key == "Auth:SessionLifetime")
        {
            Assert.True(tokens.ExpiresIn <= lifetime.TotalSeconds, $"expires_in {tokens.ExpiresIn}");
        }
    }

    [Fact]
    public async Task ARefreshTokenLifetimeLongerThanAWeek_StartsWithTheDefaultRetention()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:RefreshTokenLifetime"] = "14.00:00:00" });

        await factory.CreateClient().LoginAsync();
    }

    [Fact]
    public async Task WithoutIcu_RefusesToStartNamingTheSetting()
    {
        var output = await StartFailsAsync(new() { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" });

        Assert.Contains("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", output, StringComparison.Ordinal);
        Assert.Contains("install ICU", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysCommand_WithARefusedSetting_PrintsOneLineAndExitsWith1()
    {
        using var storage = new TestStorage();

        var (exitCode, output) = await ServerProcess.RunAsync(
            ["keys", "list"], new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Auth:Issuer"] = "http://auth.example" }, storage, TimeSpan.FromSeconds(60));

        AssertOneLineRefusal(exitCode, output);
        Assert.Contains("Auth:Issuer must be an https URL in Production", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// API.md, Abuse: a refused setting ends the process with exit code 1 and one line that names it and says what to do;
    /// no unhandled exception, stack trace or abort.
    /// </summary>
    private static async Task<string> StartFailsAsync(Dictionary<string, string?> settings, string environment = "Development")
    {
        settings["ASPNETCORE_ENVIRONMENT"] = environment;
        var (exitCode, output) = await ServerProcess.RunUntilExitAsync(settings, TimeSpan.FromSeconds(60));

        AssertOneLineRefusal(exitCode, output);
        return output;
    }

    private static void AssertOneLineRefusal(int exitCode, string output)
    {
        Assert.True(exitCode == StartupRefusal.ExitCode, $"exit code {exitCode}:\n{output}");
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("AuthServer cannot start: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(OptionsValidationException), line, StringComparison.Ordinal);
        Assert.Contains("docs/operations.md", line, StringComparison.Ordinal);
    }
}
