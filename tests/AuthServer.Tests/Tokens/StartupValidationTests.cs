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
    public void HS256_WithAWeakOrMissingSecret_RefusesToStart(string? secret, string reason)
    {
        var exception = StartFails(new() { ["Auth:SigningAlgorithm"] = "HS256", ["Auth:SigningSecret"] = secret });

        Assert.Contains(reason, exception.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void HS256_WithAWeakSecret_RefusesToStartInProduction()
    {
        var exception = StartFails(new() { ["Auth:SigningAlgorithm"] = "HS256", ["Auth:SigningSecret"] = "short" }, "Production");

        Assert.Contains("Auth:SigningSecret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_WithAnHttpIssuer_RefusesToStart()
    {
        var exception = StartFails(new() { ["Auth:Issuer"] = "http://auth.example" }, "Production");

        Assert.Contains("https", exception.Message, StringComparison.Ordinal);
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
    [InlineData("Auth:RefreshTokenLifetime", "60.00:00:00")]
    [InlineData("Auth:Password:MinLength", "4")]
    [InlineData("Auth:Issuer", "not a url")]
    public void InconsistentSetting_RefusesToStart(string key, string value)
    {
        StartFails(new() { [key] = value });
    }

    private static OptionsValidationException StartFails(Dictionary<string, string?> settings, string environment = "Testing")
    {
        using var factory = new AuthServerFactory(settings) { Environment = environment };
        var exception = Record.Exception(() => factory.CreateClient());
        return Assert.IsType<OptionsValidationException>(exception is AggregateException aggregate ? aggregate.InnerException : exception);
    }
}
