using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Features;

public sealed class CorsTests
{
    [Fact]
    public async Task Preflight_FromAConfiguredOrigin_IsAllowedWithCredentials()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "https://app.example" });

        var response = await factory.CreateClient().SendAsync(Preflight("https://app.example"));

        Assert.Equal("https://app.example", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("true", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Credentials")));
    }

    [Fact]
    public async Task Preflight_FromAnotherOrigin_GetsNoCorsHeaders()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "https://app.example" });

        var response = await factory.CreateClient().SendAsync(Preflight("https://evil.example"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_ByDefault_GetsNoCorsHeaders()
    {
        using var factory = new AuthServerFactory();

        var response = await factory.CreateClient().SendAsync(Preflight("https://app.example"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/refresh-token");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "x-requested-with");
        return request;
    }
}
